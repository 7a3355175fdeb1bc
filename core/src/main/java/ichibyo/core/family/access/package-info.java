/**
 * Who may act for a family: a caller (the verified {@code sub} of a token, never a field of a
 * request) acts for a family only as one of its members. The decisions live here, with no AWS types;
 * the handlers look the membership up and answer 401 or 403 as these classes say.
 */
package ichibyo.core.family.access;

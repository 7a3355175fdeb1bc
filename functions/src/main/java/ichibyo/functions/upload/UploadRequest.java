package ichibyo.functions.upload;

/** The body of an upload-url request: who uploads what, and how many bytes. */
public record UploadRequest(String familyId, String mediaId, String contentType, Long contentLength) {}

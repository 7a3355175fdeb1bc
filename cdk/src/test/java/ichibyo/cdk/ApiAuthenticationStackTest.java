package ichibyo.cdk;

import static ichibyo.cdk.StackTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ichibyo.app.Function;
import ichibyo.app.Ichibyo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Families authenticate on AWS: the HTTP API has a JWT authorizer on every route, for the stack's
 * Cognito user pool by default, or for any OpenID Connect issuer named by context; the functions that
 * decide which families a caller may act for can read the memberships table.
 */
class ApiAuthenticationStackTest {

    private static final Artifacts ARTIFACTS = Artifacts.of(Path.of(""));

    @Test
    void byDefault_theApiTakesTheIdTokensOfTheStacksUserPoolClient_onEveryRoute() {
        StackTemplate stack = StackTemplate.of("Ichibyo", Ichibyo.app(), ARTIFACTS);
        Template template = stack.template();

        template.resourceCountIs("AWS::Cognito::UserPool", 1);
        template.hasResourceProperties("AWS::Cognito::UserPool", Match.objectLike(Map.of(
                // Members are invited, nobody signs up alone.
                "AdminCreateUserConfig", Match.objectLike(Map.of("AllowAdminCreateUserOnly", true)),
                "Policies", Match.objectLike(Map.of("PasswordPolicy", Match.objectLike(Map.of("MinimumLength", 12)))))));
        template.hasResource("AWS::Cognito::UserPool", Match.objectLike(Map.of("DeletionPolicy", "Retain")));
        template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
        template.hasResourceProperties("AWS::Cognito::UserPoolClient", Match.objectLike(Map.of(
                "GenerateSecret", false,
                "UserPoolId", Match.objectEquals(ref(stack.logicalId("users/Resource"))))));

        String pool = stack.logicalId("users/Resource");
        String client = stack.logicalId("users/app/Resource");
        template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Match.objectLike(Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Match.objectEquals(Map.of(
                        "Audience", List.of(ref(client)),
                        "Issuer", Map.of("Fn::Join", List.of("", List.of("https://cognito-idp.", Map.of("Ref", "AWS::Region"),
                                ".amazonaws.com/", ref(pool)))))))));
        assertRoutesUse(stack, stack.logicalId("api/families/Resource"));
        template.hasOutput("UserPoolId", Match.objectLike(Map.of("Value", ref(pool))));
        template.hasOutput("UserPoolClientId", Match.objectLike(Map.of("Value", ref(client))));
    }

    @Test
    void withAnIssuerAndAudienceByContext_theApiTakesThatIssuersTokens_andTheStackHasNoUserPool() {
        StackTemplate stack = StackTemplate.of("Ichibyo", Ichibyo.app(), ARTIFACTS, Map.of(
                IchibyoStack.JWT_ISSUER_CONTEXT, "https://login.example.org/realms/families",
                IchibyoStack.JWT_AUDIENCE_CONTEXT, "ichibyo-ios, ichibyo-web"));
        Template template = stack.template();

        template.resourceCountIs("AWS::Cognito::UserPool", 0);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Match.objectLike(Map.of(
                "AuthorizerType", "JWT",
                "IdentitySource", List.of("$request.header.Authorization"),
                "JwtConfiguration", Match.objectEquals(Map.of(
                        "Audience", List.of("ichibyo-ios", "ichibyo-web"),
                        "Issuer", "https://login.example.org/realms/families")))));
        assertRoutesUse(stack, stack.logicalId("api/families/Resource"));
    }

    @Test
    void anIssuerWithoutAnAudience_isRefusedAtSynth() {
        assertThatThrownBy(() -> StackTemplate.of("Ichibyo", Ichibyo.app(), ARTIFACTS,
                Map.of(IchibyoStack.JWT_ISSUER_CONTEXT, "https://login.example.org/")))
                .hasStackTraceContaining(IchibyoStack.JWT_AUDIENCE_CONTEXT);
    }

    @Test
    void familyFacingFunctions_readTheMembershipsTable() {
        StackTemplate stack = StackTemplate.of("Ichibyo", Ichibyo.app(), ARTIFACTS);
        String memberships = stack.logicalId("tables/" + Ichibyo.MEMBERSHIPS_TABLE + "/Resource");
        for (Function f : Ichibyo.app().functions()) {
            if (f.httpRoutes().isEmpty()) {
                continue;
            }
            assertThat(f.environment()).as(f.name()).containsKey("MEMBERSHIPS_TABLE");
            assertThat(stack.policy("functions/" + f.name() + "/ServiceRole/DefaultPolicy/Resource")).as(f.name())
                    .contains("dynamodb:GetItem", memberships);
        }
    }

    private static void assertRoutesUse(StackTemplate stack, String authorizer) {
        Map<String, Map<String, Object>> routes = stack.template().findResources("AWS::ApiGatewayV2::Route");
        assertThat(routes).isNotEmpty();
        routes.forEach((id, route) -> {
            Map<?, ?> properties = (Map<?, ?>) route.get("Properties");
            assertThat(properties.get("AuthorizationType")).as(id).isEqualTo("JWT");
            assertThat(properties.get("AuthorizerId")).as(id).isEqualTo(ref(authorizer));
        });
    }
}

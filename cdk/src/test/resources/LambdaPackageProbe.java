import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import ichibyo.functions.upload.UploadUrlHandler;

/**
 * Run by DeploymentPackageTest with nothing but the deployment package on the classpath, as Lambda
 * runs it: constructs upload-url as Lambda does (from its environment) and answers one request.
 */
public class LambdaPackageProbe {
    public static void main(String[] args) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setBody("{\"familyId\":\"family-0001\",\"mediaId\":\"probe\",\"contentType\":\"image/jpeg\",\"contentLength\":1234}");
        // As API Gateway passes a request its JWT authorizer verified.
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(ichibyo.functions.http.VerifiedCaller.authorizer("probe-user"));
        event.setRequestContext(context);
        APIGatewayV2HTTPResponse response = new UploadUrlHandler().handleRequest(event, null);
        System.out.println("STATUS " + response.getStatusCode());
        System.out.println("BODY " + response.getBody());
    }
}

package ichibyo.local.cli;

import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Reading executions through the Step Functions API. */
final class Executions {

    private Executions() {}

    /** Every event of an execution's history, oldest first (all pages). */
    static List<HistoryEvent> history(SfnClient sfn, String executionArn) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(1000)).events().stream().toList();
    }

    /** An execution ARN from an ARN, or from a name and its state machine. */
    static String executionArn(String nameOrArn, String machine, String region, String account) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        if (machine == null) {
            throw new IllegalArgumentException("give the execution's ARN, or its name with --machine STATEMACHINE");
        }
        return "arn:aws:states:" + region + ":" + account + ":execution:" + machine + ":" + nameOrArn;
    }
}

package ichibyo.sfn.backend;

import ichibyo.sfn.definition.StateMachineDefinition;
import java.time.Instant;

/** A state machine as the API describes it; updates replace the definition and keep the ARN. */
final class StateMachineRecord {
    final String arn;
    final String name;
    final String type;
    final Instant creationDate;
    volatile String definition;
    volatile StateMachineDefinition parsed;
    volatile String roleArn;
    volatile String revisionId;
    volatile Instant updateDate;
    volatile String status = "ACTIVE";

    StateMachineRecord(String arn, String name, String type, String definition, StateMachineDefinition parsed, String roleArn, Instant created) {
        this.arn = arn;
        this.name = name;
        this.type = type;
        this.definition = definition;
        this.parsed = parsed;
        this.roleArn = roleArn;
        this.creationDate = created;
        this.updateDate = created;
        this.revisionId = java.util.UUID.randomUUID().toString();
    }

    /** EXPRESS rather than STANDARD. */
    boolean express() {
        return type.equals("EXPRESS");
    }
}

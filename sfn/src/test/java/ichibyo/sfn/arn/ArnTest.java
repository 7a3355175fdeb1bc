package ichibyo.sfn.arn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArnTest {
    @Test
    void arns_formatAndParseBackToTheSameValue() {
        StateMachineArn m = new StateMachineArn("us-east-1", "123456789012", "m");
        assertThat(m.format()).isEqualTo("arn:aws:states:us-east-1:123456789012:stateMachine:m");
        assertThat(StateMachineArn.parse(m.format())).isEqualTo(m);
        ExecutionArn e = ExecutionArn.of(m.child("label"), true, "x");
        assertThat(e.format()).isEqualTo("arn:aws:states:us-east-1:123456789012:express:m/label:x");
        assertThat(ExecutionArn.parse(e.format())).isEqualTo(e);
        MapRunArn r = MapRunArn.of(m, "label", "id");
        assertThat(r.format()).isEqualTo("arn:aws:states:us-east-1:123456789012:mapRun:m/label:id");
        assertThat(MapRunArn.parse(r.format())).isEqualTo(r);
    }

    @Test
    void parse_ofAnotherResourceType_isAnInvalidArn() {
        assertThatThrownBy(() -> StateMachineArn.parse("arn:aws:states:us-east-1:123456789012:execution:m:x"))
                .isInstanceOf(InvalidArnException.class).hasMessage("Invalid Arn: 'arn:aws:states:us-east-1:123456789012:execution:m:x'");
        assertThat(Arn.isStepFunctions("arn:aws:lambda:us-east-1:1:function:f")).isFalse();
    }
}

package ichibyo.sfn.backend;

/** The status of a Map Run, as DescribeMapRun reports it. */
public enum MapRunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABORTED
}

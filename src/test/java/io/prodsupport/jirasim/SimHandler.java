package io.prodsupport.jirasim;

/** A REST route body; auth, counting, faults and spec checks have already run (see {@link RequestPipeline}). */
@FunctionalInterface
interface SimHandler {
    void handle(SimCall call) throws Exception;
}

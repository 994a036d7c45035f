// The order storm and the load runs measure a loopback service on a 2-core machine: run one test at a time, so that
// no test's requests compete with another's for the CPU and the suite's time stays predictable.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

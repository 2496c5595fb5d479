using Enclave.Bench.FeedSql;

// The database references of the load benchmark (issue #5): the exact SQL behind the home feed and
// the sphere feed, captured from the app's own code, replayed without the app. See bench/references.sh.
var options = Options.Parse(args);
return args switch
{
    ["capture", ..] => await CaptureCommand.RunAsync(options.Get("out") ?? "feed-sql", options.Int("samples", 20)),
    ["sqlite-loop", ..] => SqliteLoop.Run(options.Get("capture") ?? throw Options.Missing("capture"),
        options.Get("db") ?? throw Options.Missing("db"), options.Double("seconds", 10), options.Int("threads", 2)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          FeedSql capture --out DIR [--samples 20]      (Database__Provider / Database__ConnectionString as for the server)
          FeedSql sqlite-loop --capture DIR/capture.json --db PATH [--seconds 10] [--threads 2]
        """);
    return 2;
}

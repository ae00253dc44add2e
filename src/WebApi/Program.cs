using Shop.WebApi;
using Shop.WebApi.Cli;

// One host for the web server and the operator's verbs: same configuration, same services.
// A verb's arguments are parsed before its host is built, so --help and bad arguments touch nothing.
if (CommandLine.IsVerb(args)) return await CommandLine.RunAsync(args, VerbHost.Create);

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddShop(servingHttp: true);
}
catch (Exception ex) when (ex is StartupException or FormatException)
{
    await Console.Error.WriteLineAsync($"The shop cannot start: {ex.Message}");
    return CommandLine.Failed;
}
var app = builder.Build();

app.UseShop();
try
{
    await app.PrepareDatabaseAsync();
    await app.RunAsync();
}
catch (Exception ex) when (ex is System.Data.Common.DbException or IOException)
{
    // The database is unreachable, or the address is taken: say which in one line rather than with a stack trace.
    app.Logger.LogDebug(ex, "Start-up failed");
    var reason = ex is IOException ? ex.Message
        : $"{app.Services.GetRequiredService<Shop.Infrastructure.Persistence.DatabaseSettings>().Describe()} cannot be reached: {ex.GetBaseException().Message}";
    await Console.Error.WriteLineAsync($"The shop cannot start: {reason}");
    return CommandLine.Failed;
}
return CommandLine.Ok;

/// <summary>Exposed for WebApplicationFactory in the functional tests.</summary>
public partial class Program;

using Shop.WebApi;
using Shop.WebApi.Cli;

// One host for the web server and the operator's verbs: same configuration, same services.
var isVerb = CommandLine.IsVerb(args);
var builder = WebApplication.CreateBuilder(isVerb ? [] : args);
try
{
    builder.AddShop(servingHttp: !isVerb);
}
catch (Exception ex) when (ex is StartupException or FormatException)
{
    await Console.Error.WriteLineAsync($"The shop cannot start: {ex.Message}");
    return CommandLine.Failed;
}
// A verb's output is its own messages; framework and pipeline chatter would bury them.
if (isVerb)
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Shop"] = "Warning",
        ["Logging:LogLevel:Shop.Application.Common.Behaviors"] = "Warning",
        ["Logging:LogLevel:Shop.WebApi.Web"] = "Warning",
        // The verb reports a database failure in one line itself; EF's own error log would add a stack trace.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
    });
}
var app = builder.Build();

if (isVerb) return await CommandLine.RunAsync(app.Services, args);

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

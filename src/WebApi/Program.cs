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
// A verb's output is its own messages; framework chatter would bury them.
if (isVerb) builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

if (isVerb) return await CommandLine.RunAsync(app.Services, args);

app.UseShop();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return CommandLine.Ok;

/// <summary>Exposed for WebApplicationFactory in the functional tests.</summary>
public partial class Program;

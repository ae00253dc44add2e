namespace Shop.WebApi.Cli;

/// <summary>The host a verb runs in: the server's configuration and services, without serving HTTP.</summary>
internal static class VerbHost
{
    /// <summary>Null when the shop cannot start with this configuration; the reason has been written to stderr.</summary>
    public static WebApplication? Create()
    {
        // The verb's arguments are System.CommandLine's; none of them is host configuration.
        var builder = WebApplication.CreateBuilder([]);
        try
        {
            builder.AddShop(servingHttp: false);
        }
        catch (Exception ex) when (ex is StartupException or FormatException)
        {
            Console.Error.WriteLine($"The shop cannot start: {ex.Message}");
            return null;
        }
        // A verb's output is its own messages; framework and pipeline chatter would bury them.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Shop"] = "Warning",
            ["Logging:LogLevel:Shop.Application.Common.Behaviors"] = "Warning",
            ["Logging:LogLevel:Shop.WebApi.Web"] = "Warning",
            // The verb reports a database failure in one line itself; EF's own error log would add a stack trace.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
        });
        return builder.Build();
    }
}

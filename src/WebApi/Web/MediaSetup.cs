using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Shop.Application.Common.Interfaces;
using Shop.Domain.Products;
using Shop.Infrastructure.Files;

namespace Shop.WebApi.Web;

/// <summary>
/// Serves uploaded files under <c>/media</c> from where they are stored, and nothing else: only the image types an
/// upload can have, each with its own content type, and never a path that leaves the storage (the local file provider
/// refuses <c>..</c>, absolute paths and hidden files; storage keys are checked the same way for a bucket). Stored names
/// are random and never reused, so a file at a URL never changes: it is cached for a year. Anything else falls through
/// to the app's 404.
/// </summary>
internal static class MediaSetup
{
    public const string RequestPath = "/media";
    private const string CacheControl = "public, max-age=31536000, immutable";

    public static IApplicationBuilder UseMedia(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MediaSettings>();
        return settings.S3 is null ? app.UseLocalMedia(settings.Root) : app.UseStoredMedia();
    }

    private static IApplicationBuilder UseLocalMedia(this WebApplication app, string root)
    {
        Directory.CreateDirectory(root);
        var types = new FileExtensionContentTypeProvider(ImageFormat.All.ToDictionary(f => "." + f.Extension, f => f.ContentType, StringComparer.OrdinalIgnoreCase));
        types.Mappings[".jpeg"] = ImageFormat.Jpeg.ContentType;
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = new PhysicalFileProvider(root),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = CacheControl,
        });
    }

    /// <summary>Files in a bucket, streamed through this app (with <c>Media:BaseUrl</c> set, clients fetch them elsewhere).</summary>
    private static IApplicationBuilder UseStoredMedia(this WebApplication app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && request.Path.StartsWithSegments(RequestPath, out var rest)
            && ImageFormat.All.FirstOrDefault(f => rest.Value!.EndsWith("." + f.Extension, StringComparison.OrdinalIgnoreCase)) is { } format)
        {
            Stream? file;
            try
            {
                file = await context.RequestServices.GetRequiredService<IFileStorage>().OpenReadAsync(rest.Value![1..], context.RequestAborted);
            }
            catch (ArgumentException)
            {
                file = null; // not a storage key: nothing is stored under it
            }
            if (file is not null)
            {
                await using (file)
                {
                    context.Response.ContentType = format.ContentType;
                    context.Response.Headers.CacheControl = CacheControl;
                    context.Response.Headers.XContentTypeOptions = "nosniff";
                    if (HttpMethods.IsGet(request.Method)) await file.CopyToAsync(context.Response.Body, context.RequestAborted);
                }
                return;
            }
        }
        await next(context);
    });
}

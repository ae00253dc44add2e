using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Shop.Application.Common.Exceptions;

namespace Shop.WebApi.Web;

/// <summary>
/// Which query, form or route parameters of the failed endpoint hold a text their type cannot parse (<c>?page=abc</c>), from
/// the endpoint's parameter binding metadata and the request's own values: the framework's message is never parsed.
/// </summary>
internal static class UnparsableParameters
{
    internal sealed record Parameter(string Field, string Value);

    public static List<Parameter> Of(HttpContext http)
    {
        var feature = http.Features.Get<IExceptionHandlerFeature>();
        var endpoint = feature?.Endpoint ?? http.GetEndpoint();
        var found = new List<Parameter>();
        foreach (var parameter in endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            if (!parameter.HasTryParse) continue;
            var info = parameter.ParameterInfo;
            var name = info.GetCustomAttribute<FromQueryAttribute>()?.Name ?? info.GetCustomAttribute<FromRouteAttribute>()?.Name
                       ?? info.GetCustomAttribute<FromFormAttribute>()?.Name ?? parameter.Name;
            // The form, when there is one, was read by the binding already (IFormFeature keeps it): nothing is read again.
            var form = http.Features.Get<IFormFeature>()?.Form;
            var value = http.Request.Query.TryGetValue(name, out var query) ? query.ToString()
                : form is not null && form.TryGetValue(name, out var field) ? field.ToString()
                : (feature?.RouteValues ?? http.Request.RouteValues).TryGetValue(name, out var route) ? Convert.ToString(route, CultureInfo.InvariantCulture)
                : null;
            if (value is null || (value.Length == 0 ? !NeedsAValue(info.ParameterType) : Parses(info.ParameterType, value))) continue;
            found.Add(new Parameter(FieldPath.ToCamelCase(name), value));
        }
        return found;
    }

    /// <summary>An empty value (<c>?page=</c>) binds to null or "" where the type allows it; a plain number has no empty form.</summary>
    private static bool NeedsAValue(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null;

    private static bool Parses(Type type, string value)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return true;
        if (type.IsEnum) return Enum.TryParse(type, value, ignoreCase: true, out _);
        var withProvider = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static,
            [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null) return (bool)withProvider.Invoke(null, [value, CultureInfo.InvariantCulture, null])!;
        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        // A type the framework binds some other way: not this check's to judge.
        return plain is null || (bool)plain.Invoke(null, [value, null])!;
    }
}

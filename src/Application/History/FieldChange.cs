using System.Text.Json.Nodes;

namespace Shop.Application.History;

/// <summary>One field of a recorded change: its API name and its JSON value before and after (null when there was none).</summary>
public sealed record FieldChange(string Field, JsonNode? Old, JsonNode? New);

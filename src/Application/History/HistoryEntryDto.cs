namespace Shop.Application.History;

/// <summary>One entry of a row's change history, as the API and the back-office show it.</summary>
public sealed record HistoryEntryDto
{
    public long Id { get; init; }
    public DateTime At { get; init; }

    /// <summary>The signed-in user who made the change (id and name at the time); null for the CLI or a migration.</summary>
    public HistoryUserDto? User { get; init; }

    /// <summary>What made a change without a user (<c>system</c>, <c>import-products</c>, a migration); null for a user's change.</summary>
    public string? Source { get; init; }

    public string Action { get; init; } = "";
    public IReadOnlyList<FieldChange> Changes { get; init; } = [];
}

public sealed record HistoryUserDto(string? Id, string? Username);

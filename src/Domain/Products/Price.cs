namespace Shop.Domain.Products;

/// <summary>The catalog's price rule: 0–100000 with at most 2 decimals, always.</summary>
public static class Price
{
    public const decimal Min = 0m;
    public const decimal Max = 100000m;

    public static bool IsValid(decimal value) => value is >= Min and <= Max && HasAtMostTwoDecimals(value);

    public static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;
}

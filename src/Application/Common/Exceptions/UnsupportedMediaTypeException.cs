namespace Shop.Application.Common.Exceptions;

/// <summary>The content is of a type the operation does not take (an upload that is not a recognised image): 415.</summary>
public sealed class UnsupportedMediaTypeException(string message) : Exception(message);

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace SignalWire.PowerShell.Models;

/// <summary>How a field's value is checked before it is sent.</summary>
internal enum FieldKind
{
    Text,
    Url,
    HttpMethod,
    Uuid,
    Choice,

    /// <summary>An ISO 3166 alpha-2 country code: two letters, sent in capitals.</summary>
    Country,
}

/// <summary>
/// Marks a model as an object of the API whose <see cref="ApiFieldAttribute"/> properties are its one table of fields:
/// the JSON reader and writer, the checks, the parameters' tests and the help all derive from that table, so a new
/// resource is a model with these attributes.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ApiResourceAttribute : Attribute
{
    /// <param name="name">One object as a sentence names it: "a phone number", "an E911 address".</param>
    public ApiResourceAttribute(string name) => Name = name;

    public string Name { get; }

    /// <summary>The class whose public static lists hold the allowed values of its Choice fields; the model itself when null.</summary>
    public Type? Values { get; set; }

    /// <summary>
    /// For a model nested in another: the text field it stands for when the API sends plain text instead of the object
    /// (an assignment's phone_number as its E.164 number), so that shape is read rather than refused.
    /// </summary>
    public string? TextField { get; set; }
}

/// <summary>
/// Marks a property of an <see cref="ApiResourceAttribute"/> model as a field of the API's object: its API name, and for
/// a field the API's writes take, how it is checked. The property's type says how its JSON is read (text, a date,
/// true/false, a whole number, a list of names, or another model and lists of it).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ApiFieldAttribute : Attribute
{
    public ApiFieldAttribute(string apiName) => ApiName = apiName;

    public string ApiName { get; }

    /// <summary>
    /// True for a field the API's writes take (the update body of a phone number, the body that creates or replaces an
    /// E911 address): the cmdlets that write it have a parameter of the same name.
    /// </summary>
    public bool Updatable { get; set; }

    public FieldKind Kind { get; set; } = FieldKind.Text;

    /// <summary>For a Choice field, the name of the static list of its allowed values (see <see cref="ApiResourceAttribute.Values"/>).</summary>
    public string? AllowedValues { get; set; }

    /// <summary>For a deprecated field, the parameters to use instead.</summary>
    public string? Replacement { get; set; }

    /// <summary>False for a field the update takes but the API never returns: its current value is unknown.</summary>
    public bool Returned { get; set; } = true;

    /// <summary>
    /// For a field that is not returned: a switch to the handler that reads it must carry it, since nothing (neither the
    /// number nor a backup of it) can say it is already set (the AI agent's and the call flow's ids, which the SDKs
    /// always send with the handler).
    /// </summary>
    public bool RequiredWithHandler { get; set; }

    /// <summary>The object's own id: an object read without it is unreadable.</summary>
    public bool Key { get; set; }

    /// <summary>For a field of the writes: the API needs it in every write, so it is never left out or sent empty.</summary>
    public bool Required { get; set; }

    /// <summary>The most characters the API takes; 0 when it sets no limit.</summary>
    public int MaxLength { get; set; }

    /// <summary>
    /// Another name under which the API sends the same value (a name kept for backwards compatibility): read when this
    /// field is missing or empty, and a property of that name is kept equal to this one when the table sets it.
    /// </summary>
    public string? OtherApiName { get; set; }
}

/// <summary>One field of a model's table: the property and what its <see cref="ApiFieldAttribute"/> says of it.</summary>
internal sealed class ApiField
{
    internal ApiField(PropertyInfo property, ApiFieldAttribute attribute, IReadOnlyList<string> allowedValues)
    {
        Property = property;
        ApiName = attribute.ApiName;
        ParameterName = property.Name;
        Updatable = attribute.Updatable;
        Kind = attribute.Kind;
        AllowedValues = allowedValues;
        Replacement = attribute.Replacement;
        Returned = attribute.Returned;
        Key = attribute.Key;
        Required = attribute.Required;
        MaxLength = attribute.MaxLength;
        OtherApiName = attribute.OtherApiName;
    }

    internal PropertyInfo Property { get; }

    public string ApiName { get; }

    /// <summary>The property's name, which is also the name of the cmdlets' parameter for the field.</summary>
    public string ParameterName { get; }

    public bool Updatable { get; }
    public FieldKind Kind { get; }
    public IReadOnlyList<string> AllowedValues { get; }
    public string? Replacement { get; }
    public bool Returned { get; }
    public bool Key { get; }
    public bool Required { get; }
    public int MaxLength { get; }
    public string? OtherApiName { get; }

    public Type ValueType => Property.PropertyType;

    public object? GetValue(object item) => Property.GetValue(item);

    /// <summary>
    /// Why a value is not allowed for the field, or null when it is. Empty and null always pass: whether they may be sent
    /// is the caller's rule.
    /// </summary>
    public string? Check(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (MaxLength > 0 && value!.Length > MaxLength)
            return $"It is {value.Length} characters long; {ApiName} takes at most {MaxLength}.";
        switch (Kind)
        {
            case FieldKind.Choice:
            case FieldKind.HttpMethod:
                return AllowedValues.Contains(value, StringComparer.OrdinalIgnoreCase)
                    ? null
                    : $"'{value}' is not an allowed value of {ApiName}. Allowed values: {string.Join(", ", AllowedValues)}.";
            case FieldKind.Country:
                return value!.Length == 2 && value.All(c => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
                    ? null
                    : $"'{value}' is not a two-letter country code (ISO 3166 alpha-2) such as US.";
            case FieldKind.Url:
                return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    ? null
                    : $"'{value}' is not an absolute http or https URL, which {ApiName} must be.";
            case FieldKind.Uuid:
                return Guid.TryParseExact(value, "D", out _)
                    ? null
                    : $"'{value}' is not a UUID (like 233dffc2-2ad3-455e-a597-0e332c39662a), which {ApiName} must be.";
            default:
                return null;
        }
    }

    /// <summary>A value as the API spells it: an allowed value given in any case in the API's case, a country in capitals; "" is null.</summary>
    public string? Canonical(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (AllowedValues.Count > 0) return AllowedValues.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) ?? value;
        return Kind == FieldKind.Country ? value!.ToUpperInvariant() : value;
    }

    public override string ToString() => ApiName;
}

/// <summary>
/// The one table of a model's fields, read from its <see cref="ApiFieldAttribute"/>s in the order the model declares
/// them (the order of the API's object): what the JSON reader reads, what a write sends, and what the cmdlets check.
/// </summary>
internal sealed class ApiTable
{
    private static readonly ConcurrentDictionary<Type, ApiTable> tables = new ConcurrentDictionary<Type, ApiTable>();
    private readonly Dictionary<string, ApiField> byName;

    private ApiTable(Type model)
    {
        var resource = model.GetCustomAttribute<ApiResourceAttribute>()
            ?? throw new ArgumentException($"{model.Name} is no [ApiResource] model.", nameof(model));
        Model = model;
        Name = resource.Name;
        var valuesType = resource.Values ?? model;
        Fields = model.GetProperties()
            .OrderBy(p => p.MetadataToken)
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<ApiFieldAttribute>()))
            .Where(p => p.Attribute != null)
            .Select(p => new ApiField(p.Property, p.Attribute!, AllowedValuesOf(p.Attribute!, valuesType)))
            .ToList();
        Written = Fields.Where(f => f.Updatable).ToList();
        Key = Fields.SingleOrDefault(f => f.Key);
        byName = new Dictionary<string, ApiField>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in Fields) byName[field.ApiName] = field;
        foreach (var field in Fields) byName[field.ParameterName] = field;
    }

    /// <summary>The table of a model marked with <see cref="ApiResourceAttribute"/>.</summary>
    public static ApiTable Of(Type model) => tables.GetOrAdd(model, m => new ApiTable(m));

    public static ApiTable Of<T>() => Of(typeof(T));

    public Type Model { get; }

    /// <summary>One object as a sentence names it: "an E911 address".</summary>
    public string Name { get; }

    /// <summary>Every field, in the order the model declares them.</summary>
    public IReadOnlyList<ApiField> Fields { get; }

    /// <summary>The fields the API's writes take, in the same order.</summary>
    public IReadOnlyList<ApiField> Written { get; }

    /// <summary>The object's id, or null when it has none.</summary>
    public ApiField? Key { get; }

    /// <summary>A field by its API name or its parameter name, ignoring case; null when there is none.</summary>
    public ApiField? Find(string name) => byName.TryGetValue(name, out var field) ? field : null;

    public ApiField Get(string apiName) =>
        Fields.FirstOrDefault(f => f.ApiName == apiName) ?? throw new ArgumentException($"{Model.Name} has no field {apiName}.", nameof(apiName));

    /// <summary>Sets a field, and the field the API sends the same value under (<see cref="ApiField.OtherApiName"/>) with it.</summary>
    public void SetValue(object item, ApiField field, object? value)
    {
        field.Property.SetValue(item, value);
        if (field.OtherApiName != null && Find(field.OtherApiName) is { } twin && twin.ApiName == field.OtherApiName)
            twin.Property.SetValue(item, value);
    }

    /// <summary>A copy of every field (a list or a nested object is shared, not copied).</summary>
    public T Copy<T>(T item) where T : class, new()
    {
        var copy = new T();
        foreach (var field in Fields) field.Property.SetValue(copy, field.Property.GetValue(item));
        return copy;
    }

    private static IReadOnlyList<string> AllowedValuesOf(ApiFieldAttribute attribute, Type valuesType)
    {
        if (attribute.Kind == FieldKind.HttpMethod) return PhoneNumberValues.HttpMethods;
        if (attribute.AllowedValues == null) return Array.Empty<string>();
        var list = valuesType.GetField(attribute.AllowedValues, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<string>;
        return list ?? throw new ArgumentException($"{valuesType.Name} has no public static list {attribute.AllowedValues}.", nameof(attribute));
    }
}

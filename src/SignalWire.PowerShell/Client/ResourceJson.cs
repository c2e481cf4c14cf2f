using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using SignalWire.PowerShell.Models;
using static SignalWire.PowerShell.Client.ApiJson;

namespace SignalWire.PowerShell.Client;

/// <summary>Reads the value the reader stands on into a field of an item, leaving the reader on the value's last token.</summary>
internal delegate void FieldReader<in T>(ref Utf8JsonReader reader, T item, int? status);

/// <summary>
/// The module's one JSON design for the API's objects, driven by a model's table (<see cref="ApiTable"/>): an object is
/// read in one pass of a <see cref="Utf8JsonReader"/> (no document is built, so a page of a thousand is read as it is
/// taken, see <see cref="ListPageReader{T}"/>), each property by the reader its field's type calls for; a write body
/// is the table's written fields in its order. Reading is forgiving where the API is inconsistent ("" and null both
/// mean unset, unknown properties are ignored) and strict where a wrong value would mislead: anything unreadable is an
/// InvalidResponse <see cref="SignalWireApiException"/>, never another exception.
/// A model whose property has a type no reader here knows fails when its table is first used (ResourceTableTests reads
/// every model of the module), not on a user's response.
/// </summary>
internal static class ResourceJson<T> where T : class, new()
{
    private static readonly ApiTable table = ApiTable.Of<T>();
    private static readonly Dictionary<string, FieldEntry> readers =
        table.Fields.ToDictionary(f => f.ApiName, f => new FieldEntry(ReaderFor(f), TextSetter(f)), StringComparer.Ordinal);
    private static readonly Func<T, string?>? readKey = table.Key == null ? null : Getter<string?>(table.Key.Property);

    // A compiled constructor: in code shared by every model, new T() would ask Activator for each object of a page.
    private static readonly Func<T> create = Expression.Lambda<Func<T>>(Expression.New(typeof(T))).Compile();

    // The text field an object of this model stands for when the API sends plain text (ApiResourceAttribute.TextField).
    private static readonly ApiField? textField =
        typeof(T).GetCustomAttribute<ApiResourceAttribute>()?.TextField is { } textName ? table.Get(textName) : null;

    // The other names the API sends a text field's value under (postal_code's zip_code), as (field, where the other
    // value is): another field of the model, or a slot of values read under a name that is no field of its own.
    private static readonly (Func<T, string?> Get, Action<T, string?> Set, Func<T, string?>? OtherField, int Slot)[] fallbacks;
    private static readonly Dictionary<string, int> slots = new Dictionary<string, int>(StringComparer.Ordinal);

    static ResourceJson()
    {
        var list = new List<(Func<T, string?>, Action<T, string?>, Func<T, string?>?, int)>();
        foreach (var field in table.Fields.Where(f => f.OtherApiName != null))
        {
            var (get, set) = TextAccess(field);
            var other = table.Fields.FirstOrDefault(f => f.ApiName == field.OtherApiName);
            var slot = -1;
            if (other == null && !slots.TryGetValue(field.OtherApiName!, out slot)) slots.Add(field.OtherApiName!, slot = slots.Count);
            var otherField = other == null ? null : Getter<string?>(other.Property);
            list.Add((get, set, otherField, slot));
        }
        fallbacks = list.ToArray();
    }

    /// <summary>The object the API sent as plain text: its <see cref="ApiResourceAttribute.TextField"/> set to the text.</summary>
    internal static T? FromText(string? text)
    {
        if (textField == null) throw new InvalidOperationException($"{typeof(T).Name} has no TextField to be read from text.");
        if (text == null) return null;
        var item = create();
        textField.Property.SetValue(item, text);
        return item;
    }

    // How a field with another API name is read and set as text: itself, or a nested model's text field.
    private static (Func<T, string?>, Action<T, string?>) TextAccess(ApiField field)
    {
        if (field.ValueType == typeof(string)) return (Getter<string?>(field.Property), Setter<string?>(field.Property));
        if (field.ValueType.GetCustomAttribute<ApiResourceAttribute>()?.TextField == null)
            throw new InvalidOperationException(
                $"{typeof(T).Name}.{field.ParameterName}: only a text field, or a model read from text, may have another API name.");
        var nestedText = typeof(ResourceJson<T>).GetMethod(nameof(NestedText), BindingFlags.NonPublic | BindingFlags.Static)!;
        return ((Func<T, string?>, Action<T, string?>))nestedText.MakeGenericMethod(field.ValueType).Invoke(null, new object[] { field.Property })!;
    }

    // A nested model's text field, as a text field of this one: read through the nested object, which is made when missing.
    private static (Func<T, string?>, Action<T, string?>) NestedText<TNested>(PropertyInfo property) where TNested : class, new()
    {
        var getNested = Getter<TNested?>(property);
        var setNested = Setter<TNested?>(property);
        var inner = ResourceJson<TNested>.textField!.Property;
        return (item => getNested(item) is { } nested ? (string?)inner.GetValue(nested) : null,
            (item, text) =>
            {
                if (getNested(item) is { } nested) inner.SetValue(nested, text);
                else setNested(item, ResourceJson<TNested>.FromText(text));
            }
        );
    }

    /// <summary>One object's body, as GET, PUT and POST answer with it: nothing but white space may follow it.</summary>
    public static T Read(byte[] body, int? status) => ReadBody(body, status, Read);

    /// <summary>
    /// The object whose first token the reader is on; the reader is left on its last token. A string that cannot be
    /// decoded throws InvalidOperationException, broken JSON JsonException: the callers say so in an InvalidResponse error.
    /// </summary>
    public static T Read(ref Utf8JsonReader reader, int? status) => Read(ref reader, status, lenient: false);

    /// <summary>
    /// As <see cref="Read(ref Utf8JsonReader, int?)"/>, but a property whose value does not fit its field is left
    /// unset rather than refused, and a missing id is no error: for what an error body offers besides its error.
    /// </summary>
    public static T ReadLeniently(ref Utf8JsonReader reader, int? status) => Read(ref reader, status, lenient: true);

    /// <summary>One page of a list of these objects: its envelope read now, its objects as they are taken.</summary>
    public static ListPageReader<T> OpenPage(byte[] body, int? status, Uri? spaceUrl, bool dataOptional = false) =>
        ListPageReader<T>.Open(body, status, spaceUrl, Read, dataOptional);

    /// <summary>
    /// The body that creates or replaces an object: every written field in the table's order, a required one always
    /// (refused when empty), an optional text only when it holds something, a flag always; then <paramref name="more"/>.
    /// </summary>
    public static byte[] Write(T item, Action<Utf8JsonWriter>? more = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var field in table.Written) WriteField(writer, field, field.GetValue(item));
            more?.Invoke(writer);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    private static T Read(ref Utf8JsonReader reader, int? status, bool lenient)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw SignalWireApiException.InvalidResponse($"{table.Name} should be a JSON object, not {Describe(KindOf(reader.TokenType))}.", status);
        var item = create();
        string?[]? others = null;
        // The tables in locals: the code of a generic class is shared by its models, so each static read is a lookup.
        var fields = readers;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (fields.TryGetValue(name, out var field))
            {
                if (lenient) ReadOrSkip(field.Read, ref reader, item, status);
                // Most fields are text: set straight from here, one call less per field of a page of a thousand.
                else if (field.Text != null) field.Text(item, ReadText(ref reader, name, status));
                else field.Read(ref reader, item, status);
            }
            else if (slots.TryGetValue(name, out var slot))
            {
                others ??= new string?[slots.Count];
                if (lenient && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                else others[slot] = ReadText(ref reader, name, status);
            }
            // Any other property is one the API added later: ignored, never an error.
            else
            {
                reader.Skip();
            }
        }
        foreach (var fallback in fallbacks)
        {
            if (!string.IsNullOrEmpty(fallback.Get(item))) continue;
            var other = fallback.OtherField != null ? fallback.OtherField(item) : others?[fallback.Slot];
            if (!string.IsNullOrEmpty(other)) fallback.Set(item, other);
        }
        if (!lenient && readKey != null && string.IsNullOrEmpty(readKey(item)))
            throw SignalWireApiException.InvalidResponse($"{table.Name} came without its \"{table.Key!.ApiName}\".", status);
        return item;
    }

    // A value that does not fit is passed over whole: the reader goes back to its start and skips it.
    private static void ReadOrSkip(FieldReader<T> read, ref Utf8JsonReader reader, T item, int? status)
    {
        var start = reader;
        try
        {
            read(ref reader, item, status);
        }
        catch (SignalWireApiException)
        {
            reader = start;
            reader.Skip();
        }
    }

    // ---- reading: one reader per kind of property ---------------------------------------------------------------

    private sealed class FieldEntry
    {
        public FieldEntry(FieldReader<T> read, Action<T, string?>? text)
        {
            Read = read;
            Text = text;
        }

        public FieldReader<T> Read { get; }

        /// <summary>The setter of a plain text field (not the id, which is never null), which the loop calls itself.</summary>
        public Action<T, string?>? Text { get; }
    }

    private static Action<T, string?>? TextSetter(ApiField field) =>
        field.ValueType == typeof(string) && !field.Key ? Setter<string?>(field.Property) : null;

    private static FieldReader<T> ReaderFor(ApiField field)
    {
        var property = field.Property;
        var name = field.ApiName;
        var type = property.PropertyType;
        if (type == typeof(string))
        {
            var set = Setter<string?>(property);
            // An id is never null: "" until it is read, so a missing id is found by its length.
            if (field.Key) return (ref Utf8JsonReader r, T item, int? status) => set(item, ReadText(ref r, name, status) ?? "");
            return (ref Utf8JsonReader r, T item, int? status) => set(item, ReadText(ref r, name, status));
        }
        if (type == typeof(DateTime?))
        {
            var set = Setter<DateTime?>(property);
            return (ref Utf8JsonReader r, T item, int? status) => set(item, ReadDate(ReadText(ref r, name, status), name, status));
        }
        if (type == typeof(bool))
        {
            var set = Setter<bool>(property);
            return (ref Utf8JsonReader r, T item, int? status) => set(item, ReadFlag(ref r, name, status) ?? false);
        }
        if (type == typeof(bool?))
        {
            var set = Setter<bool?>(property);
            return (ref Utf8JsonReader r, T item, int? status) => set(item, ReadFlag(ref r, name, status));
        }
        if (type == typeof(long?))
        {
            var set = Setter<long?>(property);
            return (ref Utf8JsonReader r, T item, int? status) => set(item, ReadWholeNumber(ref r, name, status));
        }
        if (type == typeof(int?))
        {
            var set = Setter<int?>(property);
            return (ref Utf8JsonReader r, T item, int? status) =>
            {
                var value = ReadWholeNumber(ref r, name, status);
                if (value < int.MinValue || value > int.MaxValue)
                    throw SignalWireApiException.InvalidResponse($"\"{name}\" is out of range: {value}", status);
                set(item, (int?)value);
            };
        }
        if (IsNames(type))
            return Build(nameof(NamesReader), type, property);
        if (type.GetCustomAttribute<ApiResourceAttribute>() != null)
            return Build(nameof(NestedReader), type, property);
        if (ElementModel(type) is { } element)
            return Build(nameof(NestedListReader), element, property);
        throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a {type.Name}, which no JSON reader of the module reads yet.");
    }

    // A list of names: string[], a read-only list of text, or a collection made from one (PhoneNumberCapabilities).
    private static bool IsNames(Type type) =>
        type.IsAssignableFrom(typeof(string[])) || (typeof(IEnumerable<string>).IsAssignableFrom(type) && NamesConstructor(type) != null);

    private static ConstructorInfo? NamesConstructor(Type type) => type.GetConstructor(new[] { typeof(IList<string>) });

    private static FieldReader<T> NamesReader<TNames>(PropertyInfo property) where TNames : class
    {
        var set = Setter<TNames>(property);
        var name = FieldName(property);
        // Made by a compiled constructor, not by reflection: a page of a thousand numbers makes a thousand of them.
        Func<string[], TNames> make;
        if (typeof(TNames).IsAssignableFrom(typeof(string[])))
        {
            make = names => (TNames)(object)names;
        }
        else
        {
            var names = Expression.Parameter(typeof(string[]), "names");
            make = Expression.Lambda<Func<string[], TNames>>(Expression.New(NamesConstructor(typeof(TNames))!, names), names).Compile();
        }
        return (ref Utf8JsonReader r, T item, int? status) => set(item, make(ReadNames(ref r, name, status)));
    }

    // The model of a list of models: T[] or a read-only list of T.
    private static Type? ElementModel(Type type)
    {
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0]
            : null;
        return element?.GetCustomAttribute<ApiResourceAttribute>() != null ? element : null;
    }

    private static FieldReader<T> Build(string method, Type model, PropertyInfo property) =>
        (FieldReader<T>)typeof(ResourceJson<T>).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(model).Invoke(null, new object[] { property })!;

    // Another model inside this one (null when the API sends null), or its text field when the API sends text and the
    // model has one.
    private static FieldReader<T> NestedReader<TNested>(PropertyInfo property) where TNested : class, new()
    {
        var set = Setter<TNested?>(property);
        var name = FieldName(property);
        var fromText = ResourceJson<TNested>.textField != null;
        return (ref Utf8JsonReader r, T item, int? status) =>
        {
            if (r.TokenType == JsonTokenType.Null) set(item, null);
            else if (fromText && r.TokenType != JsonTokenType.StartObject) set(item, ResourceJson<TNested>.FromText(ReadText(ref r, name, status)));
            else set(item, ResourceJson<TNested>.Read(ref r, status));
        };
    }

    // A list of another model (empty when the API sends null).
    private static FieldReader<T> NestedListReader<TNested>(PropertyInfo property) where TNested : class, new()
    {
        var set = Setter<object?>(property);
        var array = property.PropertyType.IsArray;
        var name = FieldName(property);
        return (ref Utf8JsonReader r, T item, int? status) =>
        {
            var list = new List<TNested>();
            if (r.TokenType == JsonTokenType.StartArray)
            {
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) list.Add(ResourceJson<TNested>.Read(ref r, status));
            }
            else if (r.TokenType != JsonTokenType.Null)
            {
                throw SignalWireApiException.InvalidResponse($"\"{name}\" should be a list, not {Describe(KindOf(r.TokenType))}.", status);
            }
            set(item, array ? list.ToArray() : list);
        };
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    private static void WriteField(Utf8JsonWriter writer, ApiField field, object? value)
    {
        switch (value)
        {
            case bool flag:
                writer.WriteBoolean(field.ApiName, flag);
                break;
            case long number:
                writer.WriteNumber(field.ApiName, number);
                break;
            case int number:
                writer.WriteNumber(field.ApiName, number);
                break;
            case string text when text.Length > 0:
                writer.WriteString(field.ApiName, text);
                break;
            case null or string when field.Required:
                var name = char.ToUpperInvariant(table.Name[0]) + table.Name.Substring(1);
                throw new ArgumentException($"{name} needs its {field.ParameterName}.", nameof(value));
            case null or string:
                break;
            default:
                throw new InvalidOperationException(
                    $"{typeof(T).Name}.{field.ParameterName} is a {field.ValueType.Name}, which the JSON writer does not write.");
        }
    }

    private static string FieldName(PropertyInfo property) => property.GetCustomAttribute<ApiFieldAttribute>()!.ApiName;

    private static Func<T, TValue> Getter<TValue>(PropertyInfo property) =>
        property.PropertyType == typeof(TValue)
            ? (Func<T, TValue>)property.GetGetMethod().CreateDelegate(typeof(Func<T, TValue>))
            : item => (TValue)property.GetValue(item)!;

    private static Action<T, TValue> Setter<TValue>(PropertyInfo property) =>
        property.PropertyType == typeof(TValue)
            ? (Action<T, TValue>)property.GetSetMethod().CreateDelegate(typeof(Action<T, TValue>))
            : (item, value) => property.SetValue(item, value);
}

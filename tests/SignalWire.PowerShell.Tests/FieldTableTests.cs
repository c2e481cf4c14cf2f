using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Cmdlets;
using SignalWire.PowerShell.Internal;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;
using PhoneNumber = SignalWire.PowerShell.Models.PhoneNumber;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The field table (the [ApiField]s of PhoneNumber) against what must follow it by hand, Set-SwPhoneNumber's parameters,
/// and against what follows it by itself, the JSON reader: a field added in one place and forgotten in another fails
/// here, naming the place. The table against the vendor's spec, and the emulator against the same spec, are
/// ModuleVendorContractTests and EmulatorVendorContractTests.
/// </summary>
public class FieldTableTests
{
    private static readonly Type Cmdlet = typeof(SetSwPhoneNumberCommand);

    public static TheoryData<string> Fields()
    {
        var data = new TheoryData<string>();
        foreach (var field in PhoneNumberFields.All) data.Add(field.ApiName);
        return data;
    }

    // The PowerShell attributes are read as metadata: these tests run without PowerShell, so they are never constructed.
    private static CustomAttributeData? Attribute(PropertyInfo property, string name) =>
        property.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Management.Automation." + name);

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).SingleOrDefault();

    private static string[] Aliases(PropertyInfo property) =>
        Attribute(property, "AliasAttribute") is { } alias
            ? ((IEnumerable<CustomAttributeTypedArgument>)alias.ConstructorArguments[0].Value!).Select(a => (string)a.Value!).ToArray()
            : [];

    private static bool IsParameter(PropertyInfo property) => Attribute(property, "ParameterAttribute") != null;

    [Theory]
    [MemberData(nameof(Fields))]
    public void Each_field_has_its_Set_SwPhoneNumber_parameter(string apiName)
    {
        var field = PhoneNumberFields.Get(apiName);
        var property = Cmdlet.GetProperty(field.ParameterName);
        Assert.True(property != null && IsParameter(property),
            $"Set-SwPhoneNumber has no -{field.ParameterName} parameter for {apiName}: add it to SetSwPhoneNumberCommand.Fields.cs.");
        Assert.Equal(typeof(string), property.PropertyType);
        Assert.True(property.CanWrite);

        // Set on the command line only: a piped row's column of this name is read by the cmdlet (PhoneNumberInput), not
        // bound by PowerShell, which would look the name up on every piped object (the largest cost per number in bulk).
        Assert.NotEqual(true, Named(Attribute(property, "ParameterAttribute")!, "ValueFromPipelineByPropertyName"));

        // The API's name as an alias, so columns named like the API bind too; none when the names differ only in case.
        var expectedAliases = string.Equals(apiName, field.ParameterName, StringComparison.OrdinalIgnoreCase) ? [] : new[] { apiName };
        Assert.Equal(expectedAliases, Aliases(property));

        // Tab completion exactly where there are values to offer: allowed values, or the project's resources of a target's
        // type (such a parameter also takes the resource object itself).
        var completer = Attribute(property, "ArgumentCompleterAttribute");
        var takesResource = property.GetCustomAttributesData().Any(a => a.AttributeType == typeof(ResourceTargetAttribute));
        Assert.Equal(FabricResourceTypes.TargetFields.ContainsKey(apiName), takesResource);
        if (field.AllowedValues.Count > 0)
        {
            Assert.True(completer != null, $"-{field.ParameterName} has allowed values and no [ArgumentCompleter(typeof(FieldValueCompleter))].");
            Assert.Equal(typeof(FieldValueCompleter), completer.ConstructorArguments.Single().Value);
        }
        else if (takesResource)
        {
            Assert.True(completer != null, $"-{field.ParameterName} names a resource and has no [ArgumentCompleter(typeof(ResourceCompleter))].");
            Assert.Equal(typeof(ResourceCompleter), completer.ConstructorArguments.Single().Value);
        }
        else
        {
            Assert.Null(completer);
        }
    }

    /// <summary>
    /// String parameters that are not fields of the update body: they name the number, go to an endpoint of their own, or name the
    /// journal.
    /// </summary>
    private static readonly string[] NotUpdateFields = ["Id", "Number", "E911AddressId", "JournalPath"];

    [Fact]
    public void Every_settable_string_parameter_but_Id_and_Number_is_a_field()
    {
        var parameters = Cmdlet.GetProperties()
            .Where(p => p.PropertyType == typeof(string) && p.CanWrite && IsParameter(p) && !NotUpdateFields.Contains(p.Name))
            .Select(p => p.Name)
            .ToList();
        Assert.NotEmpty(parameters);
        foreach (var name in parameters)
        {
            Assert.True(PhoneNumberFields.FindByParameter(name) is { } field && field.ParameterName == name,
                $"Set-SwPhoneNumber's -{name} is no field of the update: " +
                $"give PhoneNumber a {name} property with [ApiField(\"...\", Updatable = true)].");
        }
        Assert.Equal(PhoneNumberFields.All.Count, parameters.Count);
    }

    [Fact]
    public void The_JSON_reader_reads_every_ApiField()
    {
        // Each field gets a value of its own, so a reader that put one field's value in another property fails too.
        var properties = typeof(PhoneNumber).GetProperties().Where(p => p.GetCustomAttribute<ApiFieldAttribute>() != null).ToList();
        Assert.Contains(properties, p => p.Name == nameof(PhoneNumber.CallHandler));
        var body = new JsonObject();
        var expected = new Dictionary<string, object>();
        var epoch = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var apiName = property.GetCustomAttribute<ApiFieldAttribute>()!.ApiName;
            if (property.PropertyType == typeof(string))
            {
                var text = $"{apiName}-{i}";
                body[apiName] = text;
                expected[property.Name] = text;
            }
            else if (property.PropertyType == typeof(DateTime?))
            {
                var date = epoch.AddDays(i).AddSeconds(i);
                body[apiName] = date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                expected[property.Name] = date;
            }
            else if (property.PropertyType == typeof(PhoneNumberCapabilities))
            {
                body[apiName] = new JsonArray("voice", "fax", $"capability-{i}");
                expected[property.Name] = new[] { "voice", "fax", $"capability-{i}" };
            }
            else
            {
                Assert.Fail($"PhoneNumber.{property.Name} is a {property.PropertyType.Name}, which neither PhoneNumberJson nor this test reads yet.");
            }
        }

        var number = PhoneNumberJson.ReadPhoneNumber(Encoding.UTF8.GetBytes(body.ToJsonString()));

        foreach (var property in properties)
        {
            var value = property.GetValue(number);
            if (value is PhoneNumberCapabilities capabilities)
            {
                Assert.Equal((string[])expected[property.Name], capabilities);
            }
            else
            {
                Assert.True(Equals(expected[property.Name], value), $"{property.Name}: sent '{expected[property.Name]}', read '{value}'.");
            }
        }
    }
}

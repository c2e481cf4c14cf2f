using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using SignalWire.PowerShell.Client;
using SignalWire.PowerShell.Cmdlets;
using SignalWire.PowerShell.Models;
using SignalWire.PowerShell.Parameters;

namespace SignalWire.PowerShell.Tests;

/// <summary>
/// The E911 address table (the [ApiField]s of E911Address) against the vendor's spec, against what must follow it by
/// hand (the parameters of New-SwE911Address and Set-SwE911Address, the candidates' fields) and against what follows it
/// by itself (the JSON reader and writer, the copy, the checks): a field added in one place and forgotten in another
/// fails here, naming the place.
/// </summary>
public class AddressTableTests
{
    private static readonly ApiTable Table = ApiTable.Of<E911Address>();

    // ---- the vendor's word (specs/signalwire-rest/relay-rest/addresses/models/) --------------------------------------

    /// <summary>core.tsp model Address, in its order.</summary>
    private static readonly string[] SpecAddressFields =
    [
        "id", "label", "country", "first_name", "last_name", "street_number", "street_name", "address_type", "address_number",
        "city", "state", "postal_code", "zip_code", "emergency_enabled", "validated", "validated_at",
    ];

    /// <summary>
    /// requests.tsp models CreateAddressRequest and UpdateAddressRequest (the same fields), less auto_correct_address, an
    /// option of the request.
    /// </summary>
    private static readonly string[] SpecWriteFields =
    [
        "label", "country", "first_name", "last_name", "street_number", "street_name", "address_type", "address_number",
        "city", "state", "postal_code", "emergency_enabled",
    ];

    /// <summary>requests.tsp: the fields without "?".</summary>
    private static readonly string[] SpecRequiredFields =
        ["label", "country", "first_name", "last_name", "street_number", "street_name", "city", "state", "postal_code"];

    /// <summary>requests.tsp: the fields with @maxLength(250).</summary>
    private static readonly string[] SpecLimitedFields = ["label", "first_name", "last_name", "street_number", "street_name", "city", "postal_code"];

    /// <summary>core.tsp enum AddressType.</summary>
    private static readonly string[] SpecAddressTypes =
        ["Apartment", "Basement", "Building", "Department", "Floor", "Office", "Penthouse", "Suite", "Trailer", "Unit"];

    /// <summary>responses.tsp model AddressCandidate.</summary>
    private static readonly string[] SpecCandidateFields = ["street_number", "street_name", "city", "state", "postal_code"];

    [Fact]
    public void The_table_holds_the_spec_fields_in_its_order()
    {
        Assert.Equal(SpecAddressFields, Table.Fields.Select(f => f.ApiName));
        Assert.Equal(SpecWriteFields, Table.Written.Select(f => f.ApiName));
        Assert.Equal(SpecRequiredFields, Table.Written.Where(f => f.Required).Select(f => f.ApiName));
        Assert.Equal(SpecLimitedFields, Table.Fields.Where(f => f.MaxLength == 250).Select(f => f.ApiName));
        Assert.DoesNotContain(Table.Fields, f => f.MaxLength != 0 && f.MaxLength != 250);
        Assert.Equal(SpecAddressTypes, Table.Get("address_type").AllowedValues);
        Assert.Equal(FieldKind.Country, Table.Get("country").Kind);
        Assert.Equal("id", Table.Key!.ApiName);
        Assert.Equal("zip_code", Table.Get("postal_code").OtherApiName);
        Assert.Equal(SpecCandidateFields, ApiTable.Of<AddressCandidate>().Fields.Select(f => f.ApiName));
    }

    [Fact]
    public void Every_settable_property_of_an_address_or_a_candidate_is_in_its_table()
    {
        foreach (var model in new[] { typeof(E911Address), typeof(AddressCandidate) })
        {
            foreach (var property in model.GetProperties().Where(p => p.CanWrite))
            {
                Assert.True(property.GetCustomAttribute<ApiFieldAttribute>() != null,
                    $"{model.Name}.{property.Name} has no [ApiField(\"...\")]: " +
                    "the JSON reader and writer, the cmdlets and the help would not know it.");
            }
        }
    }

    [Fact]
    public void A_candidate_has_the_address_fields_under_the_same_names_so_it_binds_to_the_cmdlets()
    {
        foreach (var field in ApiTable.Of<AddressCandidate>().Fields)
        {
            var same = Table.Find(field.ParameterName);
            Assert.True(same != null && same.ParameterName == field.ParameterName && same.ApiName == field.ApiName && same.Updatable,
                $"AddressCandidate.{field.ParameterName} ({field.ApiName}) is no written field of E911Address under the same names.");
            Assert.Equal(same.OtherApiName, field.OtherApiName);
        }
    }

    // ---- the parameters of New-SwE911Address and Set-SwE911Address --------------------------------------------------

    public static TheoryData<string, string> Parameters()
    {
        var data = new TheoryData<string, string>();
        foreach (var cmdlet in new[] { nameof(NewSwE911AddressCommand), nameof(SetSwE911AddressCommand) })
            foreach (var field in Table.Written) data.Add(cmdlet, field.ApiName);
        return data;
    }

    private static Type CmdletType(string name) => typeof(E911AddressCmdlet).Assembly.GetType("SignalWire.PowerShell.Cmdlets." + name)!;

    // The PowerShell attributes are read as metadata: these tests run without PowerShell, so they are never constructed.
    private static CustomAttributeData? Attribute(PropertyInfo property, string fullName) =>
        property.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == fullName);

    private static CustomAttributeData? Automation(PropertyInfo property, string name) => Attribute(property, "System.Management.Automation." + name);

    private static object? Named(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => a.TypedValue.Value).SingleOrDefault();

    private static string[] Aliases(PropertyInfo property) =>
        Automation(property, "AliasAttribute") is { } alias
            ? ((IEnumerable<CustomAttributeTypedArgument>)alias.ConstructorArguments[0].Value!).Select(a => (string)a.Value!).ToArray()
            : [];

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Each_written_field_has_its_parameter_checked_by_the_table(string cmdlet, string apiName)
    {
        var field = Table.Get(apiName);
        var property = CmdletType(cmdlet).GetProperty(field.ParameterName);
        var parameter = property == null ? null : Automation(property, "ParameterAttribute");
        Assert.True(parameter != null, $"{cmdlet} has no -{field.ParameterName} parameter for {apiName}: add it, named as the E911Address property.");
        var flag = field.ValueType == typeof(bool);
        Assert.Equal(flag ? "System.Management.Automation.SwitchParameter" : "System.String", property!.PropertyType.FullName);

        // The table checks the value: [ValidateField(typeof(E911Address), nameof(E911Address.X))] on the parameter of X.
        var validate = Attribute(property, typeof(ValidateFieldAttribute).FullName!);
        Assert.True(validate != null,
            $"{cmdlet} -{field.ParameterName} has no [ValidateField(typeof(E911Address), nameof(E911Address.{field.ParameterName}))].");
        Assert.Equal(typeof(E911Address), validate.ConstructorArguments[0].Value);
        Assert.Equal(field.ParameterName, validate.ConstructorArguments[1].Value);
        Assert.Null(Automation(property, "ValidateLengthAttribute"));
        Assert.Null(Automation(property, "ValidatePatternAttribute"));

        // New takes every field from piped objects (a candidate, a CSV row) and requires what the API requires; Set takes
        // the text fields from piped objects and the flag from the command line only (a piped address's flag is its state).
        var byPropertyName = Named(parameter, "ValueFromPipelineByPropertyName") as bool? == true;
        var mandatory = Named(parameter, "Mandatory") as bool? == true;
        if (cmdlet == nameof(NewSwE911AddressCommand))
        {
            Assert.True(byPropertyName, $"New-SwE911Address -{field.ParameterName} should bind by property name.");
            Assert.Equal(field.Required, mandatory);
        }
        else
        {
            Assert.Equal(!flag, byPropertyName);
            Assert.False(mandatory);
        }

        // The API's name as an alias where the parameter binds by property name, so columns named like the API bind too.
        var sameName = string.Equals(apiName, field.ParameterName, StringComparison.OrdinalIgnoreCase);
        var expectedAliases = !byPropertyName || sameName ? [] : new[] { apiName };
        Assert.Equal(expectedAliases, Aliases(property));

        // Tab completion exactly where there are values to offer.
        var completer = Automation(property, "ArgumentCompleterAttribute");
        if (field.AllowedValues.Count > 0) Assert.Equal(typeof(AddressTypeCompleter), completer?.ConstructorArguments.Single().Value);
        else Assert.Null(completer);
    }

    [Theory]
    [InlineData(nameof(NewSwE911AddressCommand))]
    [InlineData(nameof(SetSwE911AddressCommand))]
    public void Every_text_or_flag_parameter_but_Id_and_AutoCorrectAddress_is_a_field(string cmdlet)
    {
        var notFields = new[] { "Id", "AutoCorrectAddress" };
        var parameters = CmdletType(cmdlet).GetProperties()
            .Where(p => Automation(p, "ParameterAttribute") != null && !notFields.Contains(p.Name))
            .Where(p => p.PropertyType == typeof(string) || p.PropertyType.Name == "SwitchParameter")
            .Select(p => p.Name)
            .ToList();
        foreach (var name in parameters)
        {
            Assert.True(Table.Find(name) is { Updatable: true } field && field.ParameterName == name,
                $"{cmdlet}'s -{name} is no written field of E911Address: " +
                $"give E911Address a {name} property with [ApiField(\"...\", Updatable = true)].");
        }
        Assert.Equal(Table.Written.Count, parameters.Count);
    }

    // ---- what follows the table by itself ----------------------------------------------------------------------------

    [Fact]
    public void The_writer_writes_every_written_field_in_the_table_order()
    {
        var address = new E911Address { Id = "3fa85f64-5717-4562-b3fc-2c963f66afa6", EmergencyEnabled = true };
        foreach (var field in Table.Written.Where(f => f.ValueType == typeof(string)))
            Table.SetValue(address, field, field.AllowedValues.Count > 0 ? field.AllowedValues[^1] : $"{field.ApiName}-value");

        var body = JsonNode.Parse(Encoding.UTF8.GetString(AddressJson.WriteAddress(address, null)))!.AsObject();

        Assert.Equal(Table.Written.Select(f => f.ApiName), body.Select(p => p.Key));
        foreach (var field in Table.Written)
        {
            var expected = field.GetValue(address);
            Assert.Equal(expected is bool b ? b.ToString() : (string?)expected, field.ValueType == typeof(bool)
                ? body[field.ApiName]!.GetValue<bool>().ToString()
                : body[field.ApiName]!.GetValue<string>());
        }
    }

    [Fact]
    public void Setting_postal_code_sets_its_alias_zip_code_and_a_copy_keeps_every_field()
    {
        var address = new E911Address();
        Table.SetValue(address, Table.Get("postal_code"), "91905");
        Assert.Equal("91905", address.ZipCode);

        var full = AddressJson.ReadAddress(Encoding.UTF8.GetBytes("""
            {"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","label":"HQ","country":"US","first_name":"Emmett","last_name":"Brown",
             "street_number":"1640","street_name":"Riverside Drive","address_type":"Suite","address_number":"42","city":"Alexandria",
             "state":"CA","postal_code":"91905","zip_code":"91905","emergency_enabled":true,"validated":true,"validated_at":"2026-03-01T10:20:30Z"}
            """));
        var copy = Table.Copy(full);
        Assert.NotSame(full, copy);
        foreach (var field in Table.Fields) Assert.Equal(field.GetValue(full), field.GetValue(copy));
        Assert.All(Table.Fields, f => Assert.NotNull(f.GetValue(copy)));
    }

    [Theory]
    [InlineData("label", 251, "takes at most 250")]
    [InlineData("country", 0, "two-letter country code")]
    [InlineData("address_type", 0, "not an allowed value of address_type")]
    public void The_table_refuses_what_the_API_would(string apiName, int length, string expected)
    {
        var field = Table.Get(apiName);
        var bad = length > 0 ? new string('x', length) : apiName == "country" ? "USA" : "Castle";
        Assert.Contains(expected, field.Check(bad));
        // "" and null pass: whether a field may be empty is the cmdlet's rule (Set clears an optional one).
        Assert.Null(field.Check(""));
        Assert.Null(field.Check(null));
    }

    [Fact]
    public void The_table_takes_values_in_any_case_and_gives_them_in_the_API_spelling()
    {
        Assert.Null(Table.Get("country").Check("us"));
        Assert.Equal("US", Table.Get("country").Canonical("us"));
        Assert.Null(Table.Get("address_type").Check("suite"));
        Assert.Equal("Suite", Table.Get("address_type").Canonical("SUITE"));
        Assert.Null(Table.Get("label").Check(new string('x', 250)));
        Assert.Null(Table.Get("state").Check(new string('x', 300))); // the spec sets no limit on state
        Assert.Null(Table.Get("address_number").Canonical(""));
    }
}

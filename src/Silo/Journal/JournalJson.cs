using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auction.Silo.Journal;

/// <summary>
/// The one JSON form of journal events: camelCase, enums as camelCase strings, a <c>$type</c> discriminator
/// from each base type's <see cref="JsonDerivedTypeAttribute"/>. The stored string is what is hashed.
/// </summary>
public static class JournalJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<TEvent>(TEvent evt) where TEvent : class => JsonSerializer.Serialize(evt, Options);

    public static TEvent Deserialize<TEvent>(string data) where TEvent : class =>
        JsonSerializer.Deserialize<TEvent>(data, Options) ?? throw new JsonException("null event");

    /// <summary>The discriminator of an event's runtime type, as declared on <typeparamref name="TEvent"/>.</summary>
    public static string TypeName<TEvent>(TEvent evt) where TEvent : class => TypeNames<TEvent>.Of(evt.GetType());

    private static class TypeNames<TEvent>
    {
        private static readonly Dictionary<Type, string> Names = typeof(TEvent)
            .GetCustomAttributes<JsonDerivedTypeAttribute>()
            .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

        public static string Of(Type type) =>
            Names.TryGetValue(type, out var name) ? name : throw new InvalidOperationException($"{type.Name} is not a declared {typeof(TEvent).Name}");
    }
}

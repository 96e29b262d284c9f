using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Auction.Gateway.Http;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace Auction.Gateway.Live.Protocols;

/// <summary>
/// The hub's MessagePack dialect (API.md "Live hub", README changelog): every payload has exactly the fields, names
/// and shapes the JSON protocol sends (<see cref="ApiJson"/>: camelCase keys, enums as camelCase strings, times as
/// <see cref="ApiTime"/> text with all 7 fractional digits), carried as MessagePack maps, arrays, strings, integers
/// and booleans. Money (every <c>decimal</c>) is a string holding its exact decimal text (<c>"14500000.05"</c>):
/// MessagePack has no decimal type and a float would round. Incoming decimals are read from such a string or from
/// a number (a JavaScript client sends a float64; its shortest round-trip text is the amount, as with JSON).
/// </summary>
public static class ApiMessagePack
{
    public static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(JsonShapedResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary><see cref="ApiJson"/> with money as text: the JSON form a payload takes on its way to MessagePack.</summary>
    internal static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(ApiJson.Options);
        options.Converters.Remove(options.Converters.OfType<ExactDecimalConverter>().Single());
        options.Converters.Add(new MoneyTextConverter());
        return options;
    }
}

/// <summary>
/// Primitives (strings, booleans, integers, floats) as MessagePack writes them natively; every other type through
/// <see cref="JsonShapedFormatter{T}"/>, so it looks exactly like its JSON form.
/// </summary>
public sealed class JsonShapedResolver : IFormatterResolver
{
    public static readonly JsonShapedResolver Instance = new();

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static bool IsNative(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(bool) || t == typeof(byte[])
            || (t.IsPrimitive && t != typeof(char) && t != typeof(IntPtr) && t != typeof(UIntPtr));
    }

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter =
            IsNative(typeof(T)) ? StandardResolver.Instance.GetFormatter<T>() : new JsonShapedFormatter<T>();
    }
}

/// <summary>
/// Writes a value as its API JSON document transcribed to MessagePack (objects → maps, arrays → arrays, strings,
/// integers, other numbers as float64, booleans, null → nil), and reads the reverse. The JSON side is the one
/// contract both protocols share, so a new field or type needs nothing here.
/// </summary>
public sealed class JsonShapedFormatter<T> : IMessagePackFormatter<T>
{
    private const int MaxDepth = 64;

    public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        using var document = JsonSerializer.SerializeToDocument(value, ApiMessagePack.Json);
        Write(ref writer, document.RootElement);
    }

    public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer)) Copy(ref reader, json, 0);
        return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, ApiMessagePack.Json)!;
    }

    private static void Write(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteMapHeader(element.GetPropertyCount());
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value);
                }
                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) Write(ref writer, item);
                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.Write(integer);
                break;
            case JsonValueKind.Number:
                writer.Write(element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.Write(element.GetBoolean());
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static void Copy(ref MessagePackReader reader, Utf8JsonWriter json, int depth)
    {
        if (depth > MaxDepth) throw new MessagePackSerializationException($"Nested deeper than {MaxDepth} levels.");
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                json.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                json.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                json.WriteNumberValue(reader.ReadUInt64());
                break;
            case MessagePackType.Integer:
                json.WriteNumberValue(reader.ReadInt64());
                break;
            case MessagePackType.Float:
                json.WriteNumberValue(reader.ReadDouble()); // the shortest text that round-trips, as JavaScript writes it
                break;
            case MessagePackType.String:
                json.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Map:
                var properties = reader.ReadMapHeader();
                json.WriteStartObject();
                for (var i = 0; i < properties; i++)
                {
                    if (reader.NextMessagePackType != MessagePackType.String) throw new MessagePackSerializationException("Map keys must be strings.");
                    json.WritePropertyName(reader.ReadString()!);
                    Copy(ref reader, json, depth + 1);
                }
                json.WriteEndObject();
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                json.WriteStartArray();
                for (var i = 0; i < items; i++) Copy(ref reader, json, depth + 1);
                json.WriteEndArray();
                break;
            default:
                throw new MessagePackSerializationException($"MessagePack {reader.NextMessagePackType} values are not part of the API.");
        }
    }
}

/// <summary>Money as exact decimal text on the way to MessagePack; read back from text or an exact number.</summary>
public sealed class MoneyTextConverter : JsonConverter<decimal>
{
    private static readonly ExactDecimalConverter Number = new();

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) return Number.Read(ref reader, typeToConvert, options);
        var text = reader.GetString()!;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new JsonException($"'{text}' is not a decimal amount.");
        if (!ExactDecimalConverter.IsExact(text)) throw new InexactNumberException(ExactDecimalConverter.Inexact);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}

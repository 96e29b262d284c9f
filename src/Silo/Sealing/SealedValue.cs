namespace Auction.Silo.Sealing;

/// <summary>
/// A value encrypted at rest (AES-256-GCM): the id of the key that sealed it, the random 96-bit nonce, the
/// ciphertext and the 128-bit tag, all base64 but the key id. The context it was sealed for (e.g.
/// <c>listing/{id}/reserve</c>) is bound as associated data, so a sealed value copied to another place does not open.
/// This is the form journal events store; the hash chain covers it like any other data.
/// </summary>
public sealed record SealedValue(string KeyId, string Nonce, string Ciphertext, string Tag);

/// <summary>A sealed value that cannot be opened: its key is not configured, or it was altered or moved.</summary>
public sealed class SealingException(string message, Exception? inner = null) : Exception(message, inner);

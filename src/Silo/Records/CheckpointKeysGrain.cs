using Auction.Contracts.Records;
using Orleans.Concurrency;

namespace Auction.Silo.Records;

/// <summary>Serves the silo's checkpoint verification keys, so gateways need no key material of their own.</summary>
[StatelessWorker, GrainType("checkpoint-keys")]
public sealed class CheckpointKeysGrain(CheckpointSigner signer) : Grain, ICheckpointKeysGrain
{
    public Task<IReadOnlyList<CheckpointKey>> GetKeys() => Task.FromResult(signer.Keyring.Keys);
}

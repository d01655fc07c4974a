"""The Red Coopcentral behind bank 1066: how a cooperative's associate pays a PSE transaction."""

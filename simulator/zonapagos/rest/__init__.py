"""The REST generations of ZonaPAGOS: Apis_CicloPago (JSON) and the legacy form-encoded pair."""

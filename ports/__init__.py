"""typing.Protocol interfaces the core needs. Ports import domain types and nothing of I/O."""

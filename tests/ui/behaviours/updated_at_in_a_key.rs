// `updated_at` changes with every write, and a key never does.
use dynamo_model::Model;

#[derive(Model)]
#[dynamo(table = "notes", partition_key = "NOTE#{id}", sort_key = "{updated}")]
struct Note {
    id: String,
    #[dynamo(updated_at)]
    updated: u64,
}

fn main() {}

// The quickstart's model and projection (`examples/examples/quickstart.rs`): a partition key,
// plain fields, a rename and an `Option`.

#[derive(Model, Debug, Clone, PartialEq)]
#[dynamo(table = "cats")]
struct Cat {
    #[dynamo(partition_key)]
    id: String,
    name: String,
    lives: u8,
    weight_kg: f64,
    indoor: bool,
    #[dynamo(rename = "nick")]
    nickname: Option<String>,
}

#[derive(Projection, Debug)]
#[dynamo(model = Cat)]
struct CatName {
    id: String,
    name: String,
}

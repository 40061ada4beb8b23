#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    unused_attributes,
    unused_qualifications,
    unused_mut,
    unused_variables,
    clippy::all
)]
const _: () = {
    /// The typed attribute paths of `Cat`, from `Cat::fields()`.
    #[allow(non_camel_case_types)]
    pub struct __DynamoFields {
        /// The path of attribute `id`.
        pub id: ::dynamo_model::__private::expr::KeyPath<String>,
        /// The path of attribute `name`.
        pub name: <String as ::dynamo_model::__private::expr::Navigable>::Handle<String>,
        /// The path of attribute `lives`.
        pub lives: <u8 as ::dynamo_model::__private::expr::Navigable>::Handle<u8>,
        /// The path of attribute `weight_kg`.
        pub weight_kg: <f64 as ::dynamo_model::__private::expr::Navigable>::Handle<f64>,
        /// The path of attribute `indoor`.
        pub indoor: <bool as ::dynamo_model::__private::expr::Navigable>::Handle<bool>,
        /// The path of attribute `nick`.
        pub nickname: <Option<
            String,
        > as ::dynamo_model::__private::expr::Navigable>::Handle<Option<String>>,
        #[doc(hidden)]
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Cat>,
    }
    /// The secondary indexes of `Cat`, from `Cat::indexes()`.
    pub struct __DynamoIndexes {
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Cat>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Hooks for Cat {}
    #[automatically_derived]
    impl ::dynamo_model::__private::AsyncHooks for Cat {}
    /// The relations of `Cat`, from `Cat::relations()`.
    pub struct __DynamoRelations {}
    #[automatically_derived]
    impl ::dynamo_model::__private::Related for Cat {
        type Relations = __DynamoRelations;
        fn relations() -> __DynamoRelations {
            __DynamoRelations {}
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::PartitionKeyOnly for Cat {}
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Cat> for &'k str {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Cat as ::dynamo_model::__private::Model>::key_item(__part0)
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Cat>
    for &'k ::dynamo_model::__private::std::string::String {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Cat as ::dynamo_model::__private::Model>::key_item(__part0.as_str())
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Cat> for &'k &'k str {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Cat as ::dynamo_model::__private::Model>::key_item(*__part0)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Model for Cat {
        type Key<'k> = <String as ::dynamo_model::__private::KeyType>::Arg<'k>;
        type PartitionKey = String;
        type SortKey = ::dynamo_model::__private::NoSortKey;
        type Fields = __DynamoFields;
        fn fields() -> Self::Fields {
            __DynamoFields {
                id: ::dynamo_model::__private::expr::KeyPath::new(
                    ::dynamo_model::__private::expr::RawPath::from_static(
                        &[
                            ::dynamo_model::__private::expr::Segment::Name(
                                ::dynamo_model::__private::std::borrow::Cow::Borrowed("id"),
                            ),
                        ],
                    ),
                ),
                name: <String as ::dynamo_model::__private::expr::Navigable>::handle::<
                    String,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "name",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                lives: <u8 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    u8,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "lives",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                weight_kg: <f64 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    f64,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "weight_kg",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                indoor: <bool as ::dynamo_model::__private::expr::Navigable>::handle::<
                    bool,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "indoor",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                nickname: <Option<
                    String,
                > as ::dynamo_model::__private::expr::Navigable>::handle::<
                    Option<String>,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "nick",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        type Indexes = __DynamoIndexes;
        fn indexes() -> Self::Indexes {
            __DynamoIndexes {
                __model: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
        const SCHEMA: ::dynamo_model::__private::Schema = ::dynamo_model::__private::Schema {
            name: "Cat",
            table: "cats",
            partition_key: ::dynamo_model::__private::KeyAttribute {
                name: "id",
                scalar: <String as ::dynamo_model::__private::KeyType>::SCALAR,
            },
            sort_key: ::dynamo_model::__private::core::option::Option::None,
            entity: ::dynamo_model::__private::core::option::Option::None,
            attributes: &["id", "name", "lives", "weight_kg", "indoor", "nick"],
            indexes: &[],
            ttl: ::dynamo_model::__private::core::option::Option::None,
            version: ::dynamo_model::__private::core::option::Option::None,
            created_at: ::dynamo_model::__private::core::option::Option::None,
            updated_at: ::dynamo_model::__private::core::option::Option::None,
            counters: &[],
            uniques: &[],
            schema_version: ::dynamo_model::__private::core::option::Option::None,
            fields: &[
                ::dynamo_model::__private::FieldSchema {
                    name: "id",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "name",
                    rust_type: "String",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "lives",
                    rust_type: "u8",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "weight_kg",
                    rust_type: "f64",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "indoor",
                    rust_type: "bool",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "nick",
                    rust_type: "Option<String>",
                    required: false,
                    aliases: &[],
                },
            ],
        };
        fn to_item(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let mut item = ::dynamo_model::__private::Item::with_capacity(6usize);
            ::dynamo_model::__private::write_field::<String>(&mut item, "id", &self.id)?;
            ::dynamo_model::__private::write_field::<
                String,
            >(&mut item, "name", &self.name)?;
            ::dynamo_model::__private::write_field::<
                u8,
            >(&mut item, "lives", &self.lives)?;
            ::dynamo_model::__private::write_field::<
                f64,
            >(&mut item, "weight_kg", &self.weight_kg)?;
            ::dynamo_model::__private::write_field::<
                bool,
            >(&mut item, "indoor", &self.indoor)?;
            ::dynamo_model::__private::write_field::<
                Option<String>,
            >(&mut item, "nick", &self.nickname)?;
            ::dynamo_model::__private::core::result::Result::Ok(item)
        }
        fn from_item(
            mut item: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::core::result::Result::Ok({
                let __field0: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("id"), "id")?;
                let __field1: String = ::dynamo_model::__private::read_field::<
                    String,
                >(item.remove("name"), "name")?;
                let __field2: u8 = ::dynamo_model::__private::read_field::<
                    u8,
                >(item.remove("lives"), "lives")?;
                let __field3: f64 = ::dynamo_model::__private::read_field::<
                    f64,
                >(item.remove("weight_kg"), "weight_kg")?;
                let __field4: bool = ::dynamo_model::__private::read_field::<
                    bool,
                >(item.remove("indoor"), "indoor")?;
                let __field5: Option<String> = ::dynamo_model::__private::read_field::<
                    Option<String>,
                >(item.remove("nick"), "nick")?;
                Self {
                    id: __field0,
                    name: __field1,
                    lives: __field2,
                    weight_kg: __field3,
                    indoor: __field4,
                    nickname: __field5,
                }
            })
        }
        fn key_item(
            key: <String as ::dynamo_model::__private::KeyType>::Arg<'_>,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let hash = key;
            ::dynamo_model::__private::key_item_of(
                ("id", ::dynamo_model::__private::key_attribute("id", &hash)?),
                ::dynamo_model::__private::core::option::Option::None,
            )
        }
        fn item_key(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            ::dynamo_model::__private::key_item_of(
                ("id", ::dynamo_model::__private::key_attribute("id", &self.id)?),
                ::dynamo_model::__private::core::option::Option::None,
            )
        }
        fn validate(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            (),
            ::dynamo_model::__private::ValidationErrors,
        > {
            let mut all = ::dynamo_model::__private::Failures::new();
            let failures = &mut all;
            let path = "";
            ::dynamo_model::__private::Hooks::validate_model(self, failures);
            all.into_result(<Self as ::dynamo_model::__private::Model>::SCHEMA.table)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::WriteBehaviours for Cat {}
};
#[doc(hidden)]
#[allow(
    non_upper_case_globals,
    non_camel_case_types,
    unused_attributes,
    unused_qualifications,
    unused_mut,
    unused_variables,
    clippy::all
)]
const _: () = {
    #[automatically_derived]
    impl ::dynamo_model::__private::Projection<Cat> for CatName {
        fn projection_paths() -> ::dynamo_model::__private::core::option::Option<
            ::dynamo_model::__private::expr::ProjectionExpression,
        > {
            let fields = <Cat as ::dynamo_model::__private::Model>::fields();
            ::dynamo_model::__private::core::option::Option::Some(
                ::dynamo_model::__private::expr::ProjectionExpression::new()
                    .raw(
                        ::dynamo_model::__private::projected_path::<
                            String,
                            _,
                        >(&fields.id),
                    )
                    .raw(
                        ::dynamo_model::__private::projected_path::<
                            String,
                            _,
                        >(&fields.name),
                    ),
            )
        }
        fn from_projection(
            mut item: ::dynamo_model::__private::Item,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            let fields = <Cat as ::dynamo_model::__private::Model>::fields();
            ::dynamo_model::__private::core::result::Result::Ok(Self {
                id: {
                    let path = ::dynamo_model::__private::projected_path::<
                        String,
                        _,
                    >(&fields.id);
                    let name = ::dynamo_model::__private::top_level_name(&path);
                    ::dynamo_model::__private::read_field::<
                        String,
                    >(item.remove(name), name)?
                },
                name: {
                    let path = ::dynamo_model::__private::projected_path::<
                        String,
                        _,
                    >(&fields.name);
                    let name = ::dynamo_model::__private::top_level_name(&path);
                    ::dynamo_model::__private::read_field::<
                        String,
                    >(item.remove(name), name)?
                },
            })
        }
    }
};

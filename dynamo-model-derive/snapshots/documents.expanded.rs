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
    /// The typed attribute paths inside a `Square` document.
    pub struct __DynamoHandle<__W> {
        /// The path of attribute `side` inside this document.
        pub side: <f64 as ::dynamo_model::__private::expr::Navigable>::Handle<f64>,
        #[doc(hidden)]
        __path: ::dynamo_model::__private::expr::Path<__W>,
        #[doc(hidden)]
        __document: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Square>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::Navigable for Square {
        type Handle<__W> = __DynamoHandle<__W>;
        fn handle<__W>(
            __path: ::dynamo_model::__private::expr::Path<__W>,
        ) -> Self::Handle<__W> {
            __DynamoHandle {
                side: <f64 as ::dynamo_model::__private::expr::Navigable>::handle::<
                    f64,
                >(__path.field("side")),
                __path: __path,
                __document: ::dynamo_model::__private::core::marker::PhantomData,
            }
        }
    }
    #[automatically_derived]
    impl<__W> ::dynamo_model::__private::expr::AttributePath for __DynamoHandle<__W> {
        type Value = __W;
        fn path(&self) -> &::dynamo_model::__private::expr::Path<__W> {
            &self.__path
        }
    }
    #[automatically_derived]
    impl<__W> ::dynamo_model::__private::expr::UpdatePath for __DynamoHandle<__W> {}
    #[automatically_derived]
    impl ::dynamo_model::__private::expr::HasSize for Square {}
    #[automatically_derived]
    impl ::dynamo_model::__private::ToAttribute for Square {
        fn to_attribute(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            let mut item = ::dynamo_model::__private::Item::with_capacity(1usize);
            ::dynamo_model::__private::write_field::<
                f64,
            >(&mut item, "side", &self.side)?;
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::core::option::Option::Some(
                    ::dynamo_model::__private::AttributeValue::M(item),
                ),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::ValidateNested for Square {
        const VALIDATES: bool = false;
        fn validate_nested(
            &self,
            path: &str,
            failures: &mut ::dynamo_model::__private::Failures,
        ) {}
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::FromAttribute for Square {
        const EXPECTED: &'static str = "M";
        fn from_attribute(
            value: ::dynamo_model::__private::AttributeValue,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            match value {
                ::dynamo_model::__private::AttributeValue::M(mut item) => {
                    ::dynamo_model::__private::core::result::Result::Ok({
                        let __field0: f64 = ::dynamo_model::__private::read_field::<
                            f64,
                        >(item.remove("side"), "side")?;
                        Self { side: __field0 }
                    })
                }
                other => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::ConversionError::wrong_type(
                            Self::EXPECTED,
                            &other,
                        ),
                    )
                }
            }
        }
    }
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
    impl ::dynamo_model::__private::expr::Navigable for Colour {
        type Handle<__W> = ::dynamo_model::__private::expr::Path<__W>;
        fn handle<__W>(
            path: ::dynamo_model::__private::expr::Path<__W>,
        ) -> ::dynamo_model::__private::expr::Path<__W> {
            path
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::ToAttribute for Colour {
        fn to_attribute(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            let name = match self {
                Self::Red => "Red",
                Self::Green => "verdant",
            };
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::core::option::Option::Some(
                    ::dynamo_model::__private::AttributeValue::S(
                        ::dynamo_model::__private::std::borrow::ToOwned::to_owned(name),
                    ),
                ),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::FromAttribute for Colour {
        const EXPECTED: &'static str = "S";
        fn from_attribute(
            value: ::dynamo_model::__private::AttributeValue,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            match value {
                ::dynamo_model::__private::AttributeValue::S(text) => {
                    match text.as_str() {
                        "Red" => {
                            ::dynamo_model::__private::core::result::Result::Ok(
                                Self::Red,
                            )
                        }
                        "verdant" => {
                            ::dynamo_model::__private::core::result::Result::Ok(
                                Self::Green,
                            )
                        }
                        _ => {
                            ::dynamo_model::__private::core::result::Result::Err(
                                ::dynamo_model::__private::ConversionError::unknown_variant(
                                    text,
                                    &["Red", "verdant"],
                                ),
                            )
                        }
                    }
                }
                other => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::ConversionError::wrong_type(
                            Self::EXPECTED,
                            &other,
                        ),
                    )
                }
            }
        }
    }
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
    impl ::dynamo_model::__private::expr::Navigable for Shape {
        type Handle<__W> = ::dynamo_model::__private::expr::Path<__W>;
        fn handle<__W>(
            path: ::dynamo_model::__private::expr::Path<__W>,
        ) -> ::dynamo_model::__private::expr::Path<__W> {
            path
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::ToAttribute for Shape {
        fn to_attribute(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            let item = match self {
                Self::Circle { radius } => {
                    let mut item = ::dynamo_model::__private::Item::with_capacity(
                        2usize,
                    );
                    ::dynamo_model::__private::write_field::<
                        f64,
                    >(&mut item, "radius", radius)?;
                    item.insert(
                        ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                            "type",
                        ),
                        ::dynamo_model::__private::AttributeValue::S(
                            ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                                "circle",
                            ),
                        ),
                    );
                    item
                }
                Self::Square(value) => {
                    let mut item = ::dynamo_model::__private::tagged_newtype::<
                        Square,
                    >(value, "type", "square")?;
                    item.insert(
                        ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                            "type",
                        ),
                        ::dynamo_model::__private::AttributeValue::S(
                            ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                                "square",
                            ),
                        ),
                    );
                    item
                }
                Self::Point => {
                    let mut item = ::dynamo_model::__private::Item::with_capacity(1);
                    item.insert(
                        ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                            "type",
                        ),
                        ::dynamo_model::__private::AttributeValue::S(
                            ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                                "point",
                            ),
                        ),
                    );
                    item
                }
            };
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::core::option::Option::Some(
                    ::dynamo_model::__private::AttributeValue::M(item),
                ),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::FromAttribute for Shape {
        const EXPECTED: &'static str = "M";
        fn from_attribute(
            value: ::dynamo_model::__private::AttributeValue,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            let mut item = match value {
                ::dynamo_model::__private::AttributeValue::M(item) => item,
                other => {
                    return ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::ConversionError::wrong_type(
                            Self::EXPECTED,
                            &other,
                        ),
                    );
                }
            };
            let tag = ::dynamo_model::__private::read_field::<
                ::dynamo_model::__private::std::string::String,
            >(item.remove("type"), "type")?;
            match tag.as_str() {
                "circle" => {
                    ::dynamo_model::__private::core::result::Result::Ok({
                        let __field0: f64 = ::dynamo_model::__private::read_field::<
                            f64,
                        >(item.remove("radius"), "radius")?;
                        Self::Circle { radius: __field0 }
                    })
                }
                "square" => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        Self::Square(
                            <Square as ::dynamo_model::__private::FromAttribute>::from_attribute(
                                ::dynamo_model::__private::AttributeValue::M(item),
                            )?,
                        ),
                    )
                }
                "point" => {
                    ::dynamo_model::__private::core::result::Result::Ok(Self::Point)
                }
                _ => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::ConversionError::unknown_variant(
                                tag,
                                &["circle", "square", "point"],
                            )
                            .in_attribute("type"),
                    )
                }
            }
        }
    }
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
    impl ::dynamo_model::__private::expr::Navigable for Event {
        type Handle<__W> = ::dynamo_model::__private::expr::Path<__W>;
        fn handle<__W>(
            path: ::dynamo_model::__private::expr::Path<__W>,
        ) -> ::dynamo_model::__private::expr::Path<__W> {
            path
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::ToAttribute for Event {
        fn to_attribute(
            &self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::core::option::Option<
                ::dynamo_model::__private::AttributeValue,
            >,
            ::dynamo_model::__private::ConversionError,
        > {
            let item = match self {
                Self::Login { ip } => {
                    let data = {
                        let mut item = ::dynamo_model::__private::Item::with_capacity(
                            1usize,
                        );
                        ::dynamo_model::__private::write_field::<
                            String,
                        >(&mut item, "ip", ip)?;
                        ::dynamo_model::__private::AttributeValue::M(item)
                    };
                    let mut item = ::dynamo_model::__private::Item::with_capacity(2);
                    item.insert(
                        ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                            "data",
                        ),
                        data,
                    );
                    item.insert(
                        ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                            "kind",
                        ),
                        ::dynamo_model::__private::AttributeValue::S(
                            ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                                "Login",
                            ),
                        ),
                    );
                    item
                }
                Self::Note(value) => {
                    let mut item = ::dynamo_model::__private::Item::with_capacity(2);
                    ::dynamo_model::__private::write_field::<
                        String,
                    >(&mut item, "data", value)?;
                    item.insert(
                        ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                            "kind",
                        ),
                        ::dynamo_model::__private::AttributeValue::S(
                            ::dynamo_model::__private::std::borrow::ToOwned::to_owned(
                                "Note",
                            ),
                        ),
                    );
                    item
                }
            };
            ::dynamo_model::__private::core::result::Result::Ok(
                ::dynamo_model::__private::core::option::Option::Some(
                    ::dynamo_model::__private::AttributeValue::M(item),
                ),
            )
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::FromAttribute for Event {
        const EXPECTED: &'static str = "M";
        fn from_attribute(
            value: ::dynamo_model::__private::AttributeValue,
        ) -> ::dynamo_model::__private::core::result::Result<
            Self,
            ::dynamo_model::__private::ConversionError,
        > {
            let mut item = match value {
                ::dynamo_model::__private::AttributeValue::M(item) => item,
                other => {
                    return ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::ConversionError::wrong_type(
                            Self::EXPECTED,
                            &other,
                        ),
                    );
                }
            };
            let tag = ::dynamo_model::__private::read_field::<
                ::dynamo_model::__private::std::string::String,
            >(item.remove("kind"), "kind")?;
            match tag.as_str() {
                "Login" => {
                    ::dynamo_model::__private::core::result::Result::Ok({
                        let mut item = match item.remove("data") {
                            ::dynamo_model::__private::core::option::Option::Some(
                                ::dynamo_model::__private::AttributeValue::M(item),
                            ) => item,
                            ::dynamo_model::__private::core::option::Option::Some(
                                other,
                            ) => {
                                return ::dynamo_model::__private::core::result::Result::Err(
                                    ::dynamo_model::__private::ConversionError::wrong_type(
                                            "M",
                                            &other,
                                        )
                                        .in_attribute("data"),
                                );
                            }
                            ::dynamo_model::__private::core::option::Option::None => {
                                return ::dynamo_model::__private::core::result::Result::Err(
                                    ::dynamo_model::__private::ConversionError::missing("M")
                                        .in_attribute("data"),
                                );
                            }
                        };
                        {
                            let __field0: String = ::dynamo_model::__private::read_field::<
                                String,
                            >(item.remove("ip"), "ip")?;
                            Self::Login { ip: __field0 }
                        }
                    })
                }
                "Note" => {
                    ::dynamo_model::__private::core::result::Result::Ok(
                        Self::Note(
                            ::dynamo_model::__private::read_field::<
                                String,
                            >(item.remove("data"), "data")?,
                        ),
                    )
                }
                _ => {
                    ::dynamo_model::__private::core::result::Result::Err(
                        ::dynamo_model::__private::ConversionError::unknown_variant(
                                tag,
                                &["Login", "Note"],
                            )
                            .in_attribute("kind"),
                    )
                }
            }
        }
    }
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
    /// The typed attribute paths of `Drawing`, from `Drawing::fields()`.
    #[allow(non_camel_case_types)]
    pub struct __DynamoFields {
        /// The path of attribute `id`.
        pub id: ::dynamo_model::__private::expr::KeyPath<String>,
        /// The path of attribute `colour`.
        pub colour: <Colour as ::dynamo_model::__private::expr::Navigable>::Handle<
            Colour,
        >,
        /// The path of attribute `shapes`.
        pub shapes: <Vec<
            Shape,
        > as ::dynamo_model::__private::expr::Navigable>::Handle<Vec<Shape>>,
        /// The path of attribute `history`.
        pub history: <Vec<
            Event,
        > as ::dynamo_model::__private::expr::Navigable>::Handle<Vec<Event>>,
        #[doc(hidden)]
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Drawing>,
    }
    /// The secondary indexes of `Drawing`, from `Drawing::indexes()`.
    pub struct __DynamoIndexes {
        __model: ::dynamo_model::__private::core::marker::PhantomData<fn() -> Drawing>,
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Hooks for Drawing {}
    #[automatically_derived]
    impl ::dynamo_model::__private::AsyncHooks for Drawing {}
    /// The relations of `Drawing`, from `Drawing::relations()`.
    pub struct __DynamoRelations {}
    #[automatically_derived]
    impl ::dynamo_model::__private::Related for Drawing {
        type Relations = __DynamoRelations;
        fn relations() -> __DynamoRelations {
            __DynamoRelations {}
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::PartitionKeyOnly for Drawing {}
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Drawing> for &'k str {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Drawing as ::dynamo_model::__private::Model>::key_item(__part0)
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Drawing>
    for &'k ::dynamo_model::__private::std::string::String {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Drawing as ::dynamo_model::__private::Model>::key_item(__part0.as_str())
        }
    }
    #[automatically_derived]
    impl<'k> ::dynamo_model::__private::KeyArg<Drawing> for &'k &'k str {
        fn key_item(
            self,
        ) -> ::dynamo_model::__private::core::result::Result<
            ::dynamo_model::__private::Item,
            ::dynamo_model::__private::ConversionError,
        > {
            let __part0 = self;
            <Drawing as ::dynamo_model::__private::Model>::key_item(*__part0)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::Model for Drawing {
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
                colour: <Colour as ::dynamo_model::__private::expr::Navigable>::handle::<
                    Colour,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "colour",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                shapes: <Vec<
                    Shape,
                > as ::dynamo_model::__private::expr::Navigable>::handle::<
                    Vec<Shape>,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "shapes",
                                    ),
                                ),
                            ],
                        ),
                    ),
                ),
                history: <Vec<
                    Event,
                > as ::dynamo_model::__private::expr::Navigable>::handle::<
                    Vec<Event>,
                >(
                    ::dynamo_model::__private::expr::Path::new(
                        ::dynamo_model::__private::expr::RawPath::from_static(
                            &[
                                ::dynamo_model::__private::expr::Segment::Name(
                                    ::dynamo_model::__private::std::borrow::Cow::Borrowed(
                                        "history",
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
            name: "Drawing",
            table: "Drawing",
            partition_key: ::dynamo_model::__private::KeyAttribute {
                name: "id",
                scalar: <String as ::dynamo_model::__private::KeyType>::SCALAR,
            },
            sort_key: ::dynamo_model::__private::core::option::Option::None,
            entity: ::dynamo_model::__private::core::option::Option::None,
            attributes: &["id", "colour", "shapes", "history"],
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
                    name: "colour",
                    rust_type: "Colour",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "shapes",
                    rust_type: "Vec<Shape>",
                    required: true,
                    aliases: &[],
                },
                ::dynamo_model::__private::FieldSchema {
                    name: "history",
                    rust_type: "Vec<Event>",
                    required: true,
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
            let mut item = ::dynamo_model::__private::Item::with_capacity(4usize);
            ::dynamo_model::__private::write_field::<String>(&mut item, "id", &self.id)?;
            ::dynamo_model::__private::write_field::<
                Colour,
            >(&mut item, "colour", &self.colour)?;
            ::dynamo_model::__private::write_field::<
                Vec<Shape>,
            >(&mut item, "shapes", &self.shapes)?;
            ::dynamo_model::__private::write_field::<
                Vec<Event>,
            >(&mut item, "history", &self.history)?;
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
                let __field1: Colour = ::dynamo_model::__private::read_field::<
                    Colour,
                >(item.remove("colour"), "colour")?;
                let __field2: Vec<Shape> = ::dynamo_model::__private::read_field::<
                    Vec<Shape>,
                >(item.remove("shapes"), "shapes")?;
                let __field3: Vec<Event> = ::dynamo_model::__private::read_field::<
                    Vec<Event>,
                >(item.remove("history"), "history")?;
                Self {
                    id: __field0,
                    colour: __field1,
                    shapes: __field2,
                    history: __field3,
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
            {
                let value: &Colour = &self.colour;
                {
                    use ::dynamo_model::__private::probe::{
                        Nested as _, NotStorable as _,
                    };
                    (&&::dynamo_model::__private::probe::Probe(value))
                        .check_nested(path, "colour", failures);
                }
            }
            {
                let value: &Vec<Shape> = &self.shapes;
                {
                    use ::dynamo_model::__private::probe::{
                        Nested as _, NotStorable as _,
                    };
                    (&&::dynamo_model::__private::probe::Probe(value))
                        .check_nested(path, "shapes", failures);
                }
            }
            {
                let value: &Vec<Event> = &self.history;
                {
                    use ::dynamo_model::__private::probe::{
                        Nested as _, NotStorable as _,
                    };
                    (&&::dynamo_model::__private::probe::Probe(value))
                        .check_nested(path, "history", failures);
                }
            }
            ::dynamo_model::__private::Hooks::validate_model(self, failures);
            all.into_result(<Self as ::dynamo_model::__private::Model>::SCHEMA.table)
        }
    }
    #[automatically_derived]
    impl ::dynamo_model::__private::WriteBehaviours for Drawing {
        fn validate_value(
            name: &str,
            value: &::dynamo_model::__private::AttributeValue,
            failures: &mut ::dynamo_model::__private::Failures,
        ) {
            let path = "";
            match name {
                "colour" => {
                    use ::dynamo_model::__private::probe::{
                        Decodes as _, NotDecodable as _,
                    };
                    (&&::dynamo_model::__private::probe::Decode::<Colour>::new())
                        .check_value(value, path, "colour", failures);
                }
                "shapes" => {
                    use ::dynamo_model::__private::probe::{
                        Decodes as _, NotDecodable as _,
                    };
                    (&&::dynamo_model::__private::probe::Decode::<Vec<Shape>>::new())
                        .check_value(value, path, "shapes", failures);
                }
                "history" => {
                    use ::dynamo_model::__private::probe::{
                        Decodes as _, NotDecodable as _,
                    };
                    (&&::dynamo_model::__private::probe::Decode::<Vec<Event>>::new())
                        .check_value(value, path, "history", failures);
                }
                _ => {}
            }
        }
    }
};

//! Newtype ids, so that a child's id can never be passed where a home's is expected.
//! Ids are pseudonymous: the program never needs a name.

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the input file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name(text.to_string())
            }
        }
    };
}

id_type!(
    /// A child's pseudonymous id (e.g. `C017`).
    ChildId
);
id_type!(
    /// A home's id (e.g. `H0123`).
    HomeId
);
id_type!(
    /// The id shared by brothers and sisters in one sibling group.
    SiblingGroupId
);

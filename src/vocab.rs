//! The one way closed vocabularies are written (từ vựng đóng): each value
//! with a stable code, a Vietnamese and an English label.
//!
//! Every field-less vocabulary of the crate is declared through
//! [`code_enum!`]: the code is what JSON and `Display` write and `FromStr`
//! reads, [`Labelled::label`](crate::Labelled::label) gives the label for
//! people. Values that carry data (a unit per commune, a comparator with its
//! tolerance, a reason with a year) label themselves with a `(vi, en)` pair
//! chosen by [`Lang::pick`](crate::Lang::pick).

/// Defines a `#[repr(u8)]` code enum with its codes, labels, `ALL`,
/// `index`, `Display`, `FromStr`, `Labelled` and serde names.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident [$n:literal] as $what:literal in $module:literal {
            $(
                $(#[$vdoc:meta])*
                $variant:ident = $code:literal, vi $vi:literal, en $en:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[repr(u8)]
        pub enum $name {
            $(
                $(#[$vdoc])*
                #[serde(rename = $code)]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in declaration order; [`Self::index`] is the
            /// position in this array.
            ///
            /// ```
            #[doc = concat!("use hoptac::", $module, stringify!($name), ";")]
            #[doc = concat!("for (i, v) in ", stringify!($name), "::ALL.into_iter().enumerate() {")]
            ///     assert_eq!(v.index(), i);
            /// }
            /// ```
            pub const ALL: [$name; $n] = [$($name::$variant,)*];

            /// The stable codes, in the order of [`Self::ALL`].
            ///
            /// ```
            #[doc = concat!("use hoptac::", $module, stringify!($name), ";")]
            #[doc = concat!("for (v, code) in ", stringify!($name), "::ALL.into_iter().zip(", stringify!($name), "::CODES) {")]
            ///     assert_eq!(v.code(), code);
            /// }
            /// ```
            pub const CODES: [&'static str; $n] = [$($code,)*];

            /// The position of the value in [`Self::ALL`], for bit masks and
            /// tables.
            ///
            /// ```
            #[doc = concat!("use hoptac::", $module, stringify!($name), ";")]
            #[doc = concat!("let v = ", stringify!($name), "::ALL[1];")]
            /// assert_eq!(v.index(), 1);
            /// ```
            #[inline]
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The stable code, as written in JSON and by `Display`.
            ///
            /// ```
            #[doc = concat!("use hoptac::", $module, stringify!($name), ";")]
            #[doc = concat!("let v = ", stringify!($name), "::ALL[0];")]
            #[doc = concat!("assert_eq!(v.code().parse::<", stringify!($name), ">()?, v);")]
            /// assert_eq!(v.to_string(), v.code());
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }
        }

        impl $crate::Labelled for $name {
            fn label(&self, lang: $crate::Lang) -> &str {
                match (self, lang) {
                    $(
                        ($name::$variant, $crate::Lang::Vi) => $vi,
                        ($name::$variant, $crate::Lang::En) => $en,
                    )*
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = crate::parse_error::ParseError;

            /// Reads a code, ignoring ASCII case and surrounding whitespace;
            /// decomposed text reads as its NFC form.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let s = crate::text::nfc(s);
                let s = s.as_ref();
                let t = s.trim();
                $name::ALL
                    .into_iter()
                    .find(|v| v.code().eq_ignore_ascii_case(t))
                    .ok_or_else(|| {
                        crate::parse_error::ParseError::unknown_code($what, s, &$name::CODES)
                    })
            }
        }
    };
}

pub(crate) use code_enum;

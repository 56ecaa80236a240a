//! The search query language: words, `"phrases"`, `AND` / `OR` / `NOT` (and `+word` / `-word`),
//! wildcards `*` and `?`, `NEAR/n`, exact mode (`=tillit`, `="…"`), and unit filters
//! (`speaker:IP1`, `code:T02`, `rolle=enhetsleder`). Operators are upper case; a lower-case
//! `og`, `eller` or `ikke` is a word. Adjacent terms are joined by `AND`; `AND` binds tighter
//! than `OR`; parentheses group.

use std::fmt;

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Query {
    Leaf(Leaf),
    And(Vec<Query>),
    Or(Vec<Query>),
    Not(Box<Query>),
    /// Two terms with at most `distance` words between them, in either order.
    Near {
        left: Leaf,
        right: Leaf,
        distance: u32,
    },
}

/// A term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leaf {
    /// A word: its inflected forms and the compounds it is a part of, or with `exact` only
    /// this form.
    Word { word: String, exact: bool },
    /// Words in a row: each as its inflected forms (never compounds), or with `exact` as written.
    Phrase { words: Vec<String>, exact: bool },
    /// A pattern with `*` (any letters) and `?` (one letter) over word forms as written.
    Wildcard(String),
    /// Units spoken by this speaker label.
    Speaker(String),
    /// Units holding a coding of this code (a key, GUID or path) or one of its sub-codes.
    Code(String),
    /// Units whose document or informant has this attribute value.
    Attribute { key: String, value: String },
}

impl Leaf {
    /// Whether the leaf marks words in the text (a filter only keeps or drops whole units).
    pub fn marks_words(&self) -> bool {
        matches!(
            self,
            Leaf::Word { .. } | Leaf::Phrase { .. } | Leaf::Wildcard(_)
        )
    }
}

/// Why a query could not be read, with the place (a char offset) it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub at: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Near(u32),
    Plus,
    Minus,
    Leaf(Leaf),
}

/// Parses a query. An empty query is an error.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    let tokens = lex(text)?;
    if tokens.is_empty() {
        return Err(ParseError {
            at: 0,
            message: "the query is empty".to_owned(),
        });
    }
    let mut parser = Parser { tokens, pos: 0 };
    let query = parser.or()?;
    if let Some((at, token)) = parser.tokens.get(parser.pos) {
        return Err(ParseError {
            at: *at,
            message: match token {
                Token::Close => "a closing parenthesis without an opening one".to_owned(),
                _ => "unexpected text".to_owned(),
            },
        });
    }
    Ok(query)
}

fn lex(text: &str) -> Result<Vec<(usize, Token)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                tokens.push((start, Token::Open));
                i += 1;
            }
            ')' => {
                tokens.push((start, Token::Close));
                i += 1;
            }
            '+' | '-' if chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) => {
                tokens.push((start, if c == '+' { Token::Plus } else { Token::Minus }));
                i += 1;
            }
            _ => {
                let exact = c == '=' && chars.get(i + 1).is_some();
                if exact {
                    i += 1;
                }
                if chars.get(i) == Some(&'"') {
                    let close = chars[i + 1..]
                        .iter()
                        .position(|&c| c == '"')
                        .ok_or_else(|| ParseError {
                            at: i,
                            message: "a phrase without its closing quote".to_owned(),
                        })?;
                    let inner: String = chars[i + 1..i + 1 + close].iter().collect();
                    i += close + 2;
                    tokens.push((start, phrase(&inner, exact, start)?));
                    continue;
                }
                let word_start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()".contains(chars[i]) {
                    // A quoted value after `code:` or `key=` belongs to the word.
                    if chars[i] == '"' && i > word_start && ":=".contains(chars[i - 1]) {
                        let close =
                            chars[i + 1..]
                                .iter()
                                .position(|&c| c == '"')
                                .ok_or_else(|| ParseError {
                                    at: i,
                                    message: "a value without its closing quote".to_owned(),
                                })?;
                        i += close + 2;
                        continue;
                    }
                    i += 1;
                }
                let word: String = chars[word_start..i].iter().collect();
                tokens.push((start, word_token(&word, exact, start)?));
            }
        }
    }
    Ok(tokens)
}

fn phrase(inner: &str, exact: bool, at: usize) -> Result<Token, ParseError> {
    let words: Vec<String> = inner
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    match words.len() {
        0 => Err(ParseError {
            at,
            message: "an empty phrase".to_owned(),
        }),
        1 => Ok(Token::Leaf(Leaf::Word {
            word: words.into_iter().next().unwrap_or_default(),
            exact,
        })),
        _ => Ok(Token::Leaf(Leaf::Phrase { words, exact })),
    }
}

fn unquote(value: &str) -> String {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
        .to_owned()
}

fn word_token(word: &str, exact: bool, at: usize) -> Result<Token, ParseError> {
    match word {
        "AND" => return Ok(Token::And),
        "OR" => return Ok(Token::Or),
        "NOT" => return Ok(Token::Not),
        _ => {}
    }
    if let Some(n) = word.strip_prefix("NEAR/") {
        return n.parse().map(Token::Near).map_err(|_| ParseError {
            at,
            message: format!("NEAR needs a number of words, as in NEAR/5, not {word:?}"),
        });
    }
    if word == "NEAR" {
        return Ok(Token::Near(5));
    }
    let empty = |what: &str| ParseError {
        at,
        message: format!("{what} needs a value"),
    };
    if let Some(speaker) = word.strip_prefix("speaker:") {
        let speaker = unquote(speaker);
        return if speaker.is_empty() {
            Err(empty("speaker:"))
        } else {
            Ok(Token::Leaf(Leaf::Speaker(speaker)))
        };
    }
    if let Some(code) = word.strip_prefix("code:") {
        let code = unquote(code);
        return if code.is_empty() {
            Err(empty("code:"))
        } else {
            Ok(Token::Leaf(Leaf::Code(code)))
        };
    }
    if let Some((key, value)) = word.split_once('=') {
        if !key.is_empty() {
            let value = unquote(value);
            if value.is_empty() {
                return Err(empty(&format!("{key}=")));
            }
            return Ok(Token::Leaf(Leaf::Attribute {
                key: key.to_lowercase(),
                value,
            }));
        }
    }
    let lower = word.to_lowercase();
    if lower.contains(['*', '?']) {
        if lower.chars().all(|c| "*?".contains(c)) {
            return Err(ParseError {
                at,
                message: "a wildcard needs at least one letter".to_owned(),
            });
        }
        return Ok(Token::Leaf(Leaf::Wildcard(lower)));
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => Err(ParseError {
            at,
            message: format!("{word:?} holds no letters to search for"),
        }),
        [one] => Ok(Token::Leaf(Leaf::Word {
            word: (*one).to_owned(),
            exact,
        })),
        // `tillits-reformen` searches the words in a row, like a phrase.
        _ => Ok(Token::Leaf(Leaf::Phrase {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            exact,
        })),
    }
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn at(&self) -> usize {
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .map_or(0, |(at, _)| *at)
    }

    fn or(&mut self) -> Result<Query, ParseError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            parts.push(self.and()?);
        }
        Ok(flatten(parts, Query::Or))
    }

    fn and(&mut self) -> Result<Query, ParseError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Token::And) => {
                    self.pos += 1;
                    parts.push(self.unary()?);
                }
                Some(Token::Close | Token::Or) | None => break,
                Some(_) => parts.push(self.unary()?),
            }
        }
        Ok(flatten(parts, Query::And))
    }

    fn unary(&mut self) -> Result<Query, ParseError> {
        match self.peek() {
            Some(Token::Not | Token::Minus) => {
                self.pos += 1;
                Ok(Query::Not(Box::new(self.unary()?)))
            }
            Some(Token::Plus) => {
                self.pos += 1;
                self.near()
            }
            _ => self.near(),
        }
    }

    fn near(&mut self) -> Result<Query, ParseError> {
        let first = self.atom()?;
        let Some(Token::Near(distance)) = self.peek().cloned() else {
            return Ok(first);
        };
        let at = self.at();
        self.pos += 1;
        let second = self.atom()?;
        match (first, second) {
            (Query::Leaf(left), Query::Leaf(right))
                if left.marks_words() && right.marks_words() =>
            {
                Ok(Query::Near {
                    left,
                    right,
                    distance,
                })
            }
            _ => Err(ParseError {
                at,
                message: "NEAR joins two words or phrases".to_owned(),
            }),
        }
    }

    fn atom(&mut self) -> Result<Query, ParseError> {
        let at = self.at();
        match self.tokens.get(self.pos).map(|(_, t)| t.clone()) {
            Some(Token::Open) => {
                self.pos += 1;
                let inner = self.or()?;
                if self.peek() != Some(&Token::Close) {
                    return Err(ParseError {
                        at,
                        message: "an opening parenthesis without a closing one".to_owned(),
                    });
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(Token::Leaf(leaf)) => {
                self.pos += 1;
                Ok(Query::Leaf(leaf))
            }
            Some(_) => Err(ParseError {
                at,
                message: "an operator where a word was expected".to_owned(),
            }),
            None => Err(ParseError {
                at,
                message: "the query ends where a word was expected".to_owned(),
            }),
        }
    }
}

fn flatten(mut parts: Vec<Query>, join: fn(Vec<Query>) -> Query) -> Query {
    if parts.len() == 1 {
        parts.pop().expect("one part")
    } else {
        join(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Query {
        Query::Leaf(Leaf::Word {
            word: w.to_owned(),
            exact: false,
        })
    }

    #[test]
    fn words_join_with_and_and_and_binds_tighter_than_or() {
        assert_eq!(
            parse("tillit ledelse").unwrap(),
            Query::And(vec![word("tillit"), word("ledelse")])
        );
        assert_eq!(
            parse("tillit OR kontroll AND styring").unwrap(),
            Query::Or(vec![
                word("tillit"),
                Query::And(vec![word("kontroll"), word("styring")])
            ])
        );
        assert_eq!(
            parse("(tillit OR kontroll) styring").unwrap(),
            Query::And(vec![
                Query::Or(vec![word("tillit"), word("kontroll")]),
                word("styring")
            ])
        );
    }

    #[test]
    fn not_minus_and_plus() {
        assert_eq!(
            parse("tillit NOT kontroll").unwrap(),
            Query::And(vec![word("tillit"), Query::Not(Box::new(word("kontroll")))])
        );
        assert_eq!(
            parse("+tillit -kontroll").unwrap(),
            Query::And(vec![word("tillit"), Query::Not(Box::new(word("kontroll")))])
        );
        // Lower-case operators are words.
        assert_eq!(
            parse("tillit og kontroll").unwrap(),
            Query::And(vec![word("tillit"), word("og"), word("kontroll")])
        );
    }

    #[test]
    fn phrases_exact_mode_and_wildcards() {
        assert_eq!(
            parse("\"Tillit til ledelsen\"").unwrap(),
            Query::Leaf(Leaf::Phrase {
                words: vec!["tillit".into(), "til".into(), "ledelsen".into()],
                exact: false
            })
        );
        assert_eq!(
            parse("=tillit").unwrap(),
            Query::Leaf(Leaf::Word {
                word: "tillit".into(),
                exact: true
            })
        );
        assert_eq!(
            parse("=\"stor tillit\"").unwrap(),
            Query::Leaf(Leaf::Phrase {
                words: vec!["stor".into(), "tillit".into()],
                exact: true
            })
        );
        assert_eq!(
            parse("*styring").unwrap(),
            Query::Leaf(Leaf::Wildcard("*styring".into()))
        );
        assert_eq!(
            parse("til?it").unwrap(),
            Query::Leaf(Leaf::Wildcard("til?it".into()))
        );
    }

    #[test]
    fn near_takes_a_distance() {
        assert_eq!(
            parse("tillit NEAR/3 kontroll").unwrap(),
            Query::Near {
                left: Leaf::Word {
                    word: "tillit".into(),
                    exact: false
                },
                right: Leaf::Word {
                    word: "kontroll".into(),
                    exact: false
                },
                distance: 3
            }
        );
        assert!(parse("tillit NEAR/x kontroll").is_err());
        assert!(parse("tillit NEAR/3 speaker:IP1").is_err());
    }

    #[test]
    fn filters() {
        assert_eq!(
            parse("tillit speaker:IP1 code:T02 rolle=enhetsleder").unwrap(),
            Query::And(vec![
                word("tillit"),
                Query::Leaf(Leaf::Speaker("IP1".into())),
                Query::Leaf(Leaf::Code("T02".into())),
                Query::Leaf(Leaf::Attribute {
                    key: "rolle".into(),
                    value: "enhetsleder".into()
                }),
            ])
        );
        assert_eq!(
            parse("code:\"Tillit/Tillit til ledelsen\"").unwrap(),
            Query::Leaf(Leaf::Code("Tillit/Tillit til ledelsen".into()))
        );
    }

    #[test]
    fn errors_say_where() {
        for bad in [
            "",
            "(tillit",
            "tillit)",
            "\"tillit",
            "AND",
            "tillit AND",
            "*",
            "code:",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(!err.message.is_empty(), "{bad:?}");
        }
        assert_eq!(parse("tillit )").unwrap_err().at, 7);
    }
}

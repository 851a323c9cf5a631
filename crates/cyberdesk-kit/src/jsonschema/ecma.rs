//! ECMA-262 regular expressions for `pattern`, `patternProperties` and
//! `propertyNames` (JSON Schema 2020-12 §6.4: patterns "should be valid
//! according to the ECMA-262 regular expression dialect").
//!
//! Two engines, so that no pattern can hang the caller:
//! * the linear-time `regex` crate, for every pattern it can express once
//!   ECMA's classes are spelt out (`\d` is `[0-9]`, `\w` is
//!   `[0-9A-Za-z_]`, `.` excludes line terminators, `\uXXXX` escapes);
//! * for lookahead, lookbehind and backreferences, which no linear engine
//!   has, a small backtracking matcher with a step budget. A match that
//!   runs out of budget is [`Match::Undecided`]: the caller treats it as a
//!   warning, never as a failed match.
//!
//! Why our own backtracker: measured in a wasm32 build at opt-level "s"
//! with LTO, `fancy-regex` 0.14 adds 106 KB gzipped (it forces
//! regex-automata's dense and lazy DFAs) and `regress` 0.10 adds 116 KB
//! (its own Unicode tables), against the package's 400 KB budget with
//! 45 KB left; `regress` also has no backtracking limit. This matcher
//! only runs the patterns `regex` refuses.

/// The answer of a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    Yes,
    No,
    /// The backtracking budget ran out before an answer.
    Undecided,
}

/// A compiled pattern.
#[derive(Debug)]
pub(crate) enum Pattern {
    Linear(regex::Regex),
    Backtrack(Box<Program>),
}

/// Steps one backtracking search may take (each step is one node tried
/// at one position): about a millisecond.
const STEP_BUDGET: u32 = 200_000;
/// Nesting of the matcher's own recursion (a repetition of a group
/// nests one level per iteration).
const DEPTH_BUDGET: u32 = 600;

impl Pattern {
    /// Compiles an ECMA-262 pattern; `Err` says why it is not one.
    pub(crate) fn new(source: &str) -> Result<Pattern, String> {
        // ECMA's grammar decides what is a pattern; the engines only run it.
        let program = Parser::new(source).parse()?;
        if let Some(translated) = to_rust_syntax(source) {
            if let Ok(re) = regex::RegexBuilder::new(&translated)
                .size_limit(1 << 22)
                .build()
            {
                return Ok(Pattern::Linear(re));
            }
        }
        if program.has_property_escape {
            return Err(
                "Unicode property escapes beside lookaround or backreferences are not supported"
                    .into(),
            );
        }
        Ok(Pattern::Backtrack(Box::new(program)))
    }

    /// Whether `s` contains a match (patterns are not anchored).
    pub(crate) fn find(&self, s: &str) -> Match {
        match self {
            Pattern::Linear(re) => {
                if re.is_match(s) {
                    Match::Yes
                } else {
                    Match::No
                }
            }
            Pattern::Backtrack(p) => p.search(s),
        }
    }
}

const ECMA_SPACE: &str = "\\t\\n\\x0B\\x0C\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";

/// Rewrites an ECMA pattern in the `regex` crate's syntax with ECMA's
/// meaning; `None` when it uses what only the backtracker has.
fn to_rust_syntax(p: &str) -> Option<String> {
    let chars: Vec<char> = p.chars().collect();
    let mut out = String::with_capacity(p.len() + 16);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let e = *chars.get(i + 1)?;
                i += 2;
                match e {
                    'd' if in_class => out.push_str("0-9"),
                    'd' => out.push_str("[0-9]"),
                    'D' if !in_class => out.push_str("[^0-9]"),
                    'w' if in_class => out.push_str("0-9A-Za-z_"),
                    'w' => out.push_str("[0-9A-Za-z_]"),
                    'W' if !in_class => out.push_str("[^0-9A-Za-z_]"),
                    's' if in_class => out.push_str(ECMA_SPACE),
                    's' => {
                        out.push('[');
                        out.push_str(ECMA_SPACE);
                        out.push(']');
                    }
                    'S' if !in_class => {
                        out.push_str("[^");
                        out.push_str(ECMA_SPACE);
                        out.push(']');
                    }
                    'D' | 'W' | 'S' => return None,
                    'b' if in_class => out.push_str("\\x08"),
                    'b' => out.push_str("(?-u:\\b)"),
                    'B' if !in_class => out.push_str("(?-u:\\B)"),
                    'n' | 'r' | 't' | 'f' => {
                        out.push('\\');
                        out.push(e);
                    }
                    'v' => out.push_str("\\x0B"),
                    '0' if !chars.get(i).is_some_and(char::is_ascii_digit) => out.push_str("\\x00"),
                    'c' => {
                        let l = *chars.get(i)?;
                        if !l.is_ascii_alphabetic() {
                            return None;
                        }
                        i += 1;
                        push_hex(&mut out, (l as u32) % 32);
                    }
                    'x' => {
                        let h: String = chars.get(i..i + 2)?.iter().collect();
                        let v = u32::from_str_radix(&h, 16).ok()?;
                        i += 2;
                        push_hex(&mut out, v);
                    }
                    'u' => {
                        let (v, used) = unicode_escape(&chars[i..])?;
                        i += used;
                        push_hex(&mut out, v);
                    }
                    'p' | 'P' => {
                        // Unicode property escapes, as ECMA's `u` mode has them.
                        out.push('\\');
                        out.push(e);
                    }
                    e if e.is_ascii_digit() => return None, // backreference
                    'k' => return None,                     // named backreference
                    e if e.is_ascii_alphanumeric() => return None,
                    e => push_hex(&mut out, e as u32),
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                // ECMA's `[]` matches nothing and `[^]` anything.
                if chars.get(i + 1) == Some(&']') {
                    let negated = out.ends_with('^');
                    out.truncate(out.len() - if negated { 2 } else { 1 });
                    out.push_str(if negated {
                        "(?s:.)"
                    } else {
                        "[^\\x{0}-\\x{10FFFF}]"
                    });
                    in_class = false;
                    i += 2;
                    continue;
                }
            }
            '[' => out.push_str("\\["),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '.' if !in_class => out.push_str("[^\\n\\r\\x{2028}\\x{2029}]"),
            '(' if !in_class && chars.get(i + 1) == Some(&'?') => {
                match chars.get(i + 2) {
                    Some(':') => out.push_str("(?:"),
                    Some('<') if !matches!(chars.get(i + 3), Some('=' | '!')) => {
                        out.push_str("(?P<");
                        i += 3;
                        continue;
                    }
                    _ => return None, // lookaround
                }
                i += 3;
                continue;
            }
            '&' | '~' | '-' if in_class => {
                // Class set operators of the regex crate are literals in ECMA.
                if c == '-' {
                    out.push('-');
                } else {
                    push_hex(&mut out, c as u32);
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    Some(out)
}

fn push_hex(out: &mut String, v: u32) {
    out.push_str(&format!("\\x{{{v:X}}}"));
}

/// `\uXXXX`, a surrogate pair `\uD83D\uDE00`, or `\u{...}`, starting after
/// the `u`. Returns the code point and the characters used.
fn unicode_escape(rest: &[char]) -> Option<(u32, usize)> {
    if rest.first() == Some(&'{') {
        let end = rest.iter().position(|&c| c == '}')?;
        let h: String = rest[1..end].iter().collect();
        let v = u32::from_str_radix(&h, 16).ok()?;
        char::from_u32(v)?;
        return Some((v, end + 1));
    }
    let h: String = rest.get(..4)?.iter().collect();
    let v = u32::from_str_radix(&h, 16).ok()?;
    if (0xD800..0xDC00).contains(&v) && rest.get(4) == Some(&'\\') && rest.get(5) == Some(&'u') {
        let h2: String = rest.get(6..10)?.iter().collect();
        let lo = u32::from_str_radix(&h2, 16).ok()?;
        if (0xDC00..0xE000).contains(&lo) {
            return Some((0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00), 10));
        }
    }
    char::from_u32(v)?;
    Some((v, 4))
}

// ---------------------------------------------------------------------------
// The backtracking matcher.

#[derive(Debug, Clone)]
enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

#[derive(Debug, Clone)]
enum Node {
    Empty,
    Char(char),
    Any,
    Class(Vec<ClassItem>, bool),
    Start,
    End,
    WordBoundary(bool),
    Group(Box<Node>, Option<usize>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    Look {
        node: Box<Node>,
        ahead: bool,
        negate: bool,
    },
    BackRef(usize),
    NamedBackRef(String),
}

/// A pattern compiled for the backtracking matcher.
#[derive(Debug)]
pub(crate) struct Program {
    root: Node,
    groups: usize,
    has_property_escape: bool,
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

fn class_item_matches(item: &ClassItem, c: char) -> bool {
    match *item {
        ClassItem::Range(a, b) => a <= c && c <= b,
        ClassItem::Digit(neg) => c.is_ascii_digit() != neg,
        ClassItem::Word(neg) => is_word(c) != neg,
        ClassItem::Space(neg) => is_space(c) != neg,
    }
}

struct Parser {
    chars: Vec<char>,
    i: usize,
    groups: usize,
    names: Vec<(String, usize)>,
    has_property_escape: bool,
}

impl Parser {
    fn new(s: &str) -> Self {
        Parser {
            chars: s.chars().collect(),
            i: 0,
            groups: 0,
            names: Vec::new(),
            has_property_escape: false,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn parse(mut self) -> Result<Program, String> {
        let root = self.alternation(0)?;
        if self.i < self.chars.len() {
            return Err("unbalanced parenthesis".into());
        }
        // Named backreferences resolve after every group is known.
        let root = self.resolve_names(root)?;
        Ok(Program {
            root,
            groups: self.groups,
            has_property_escape: self.has_property_escape,
        })
    }

    fn resolve_names(&self, n: Node) -> Result<Node, String> {
        Ok(match n {
            Node::NamedBackRef(name) => match self.names.iter().find(|(k, _)| *k == name) {
                Some(&(_, g)) => Node::BackRef(g),
                None => return Err(format!("no group named {name}")),
            },
            Node::Group(inner, g) => Node::Group(Box::new(self.resolve_names(*inner)?), g),
            Node::Concat(v) => Node::Concat(
                v.into_iter()
                    .map(|x| self.resolve_names(x))
                    .collect::<Result<_, _>>()?,
            ),
            Node::Alt(v) => Node::Alt(
                v.into_iter()
                    .map(|x| self.resolve_names(x))
                    .collect::<Result<_, _>>()?,
            ),
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => Node::Repeat {
                node: Box::new(self.resolve_names(*node)?),
                min,
                max,
                greedy,
            },
            Node::Look {
                node,
                ahead,
                negate,
            } => Node::Look {
                node: Box::new(self.resolve_names(*node)?),
                ahead,
                negate,
            },
            other => other,
        })
    }

    fn alternation(&mut self, depth: usize) -> Result<Node, String> {
        if depth > 200 {
            return Err("nested too deeply".into());
        }
        let mut alts = vec![self.concat(depth)?];
        while self.eat('|') {
            alts.push(self.concat(depth)?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self, depth: usize) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            let atom = self.quantifier(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        if start == self.i {
            return None;
        }
        let s: String = self.chars[start..self.i].iter().collect();
        Some(s.parse().unwrap_or(u32::MAX))
    }

    fn quantifier(&mut self, atom: Node) -> Result<Node, String> {
        let (min, max) = match self.peek() {
            Some('*') => {
                self.i += 1;
                (0, None)
            }
            Some('+') => {
                self.i += 1;
                (1, None)
            }
            Some('?') => {
                self.i += 1;
                (0, Some(1))
            }
            Some('{') => {
                let save = self.i;
                self.i += 1;
                let Some(min) = self.number() else {
                    self.i = save;
                    return Ok(atom);
                };
                let max = if self.eat(',') {
                    self.number()
                } else {
                    Some(min)
                };
                if !self.eat('}') {
                    self.i = save;
                    return Ok(atom);
                }
                if max.is_some_and(|m| m < min) {
                    return Err("numbers out of order in {} quantifier".into());
                }
                (min, max)
            }
            _ => return Ok(atom),
        };
        if matches!(atom, Node::Start | Node::End | Node::WordBoundary(_)) {
            return Err("nothing to repeat".into());
        }
        let greedy = !self.eat('?');
        if self.peek() == Some('{') && self.braces_quantifier() {
            return Err("nothing to repeat".into());
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    /// Whether `{n}`, `{n,}` or `{n,m}` starts here.
    fn braces_quantifier(&mut self) -> bool {
        let save = self.i;
        self.i += 1;
        let ok = self.number().is_some() && {
            if self.eat(',') {
                self.number();
            }
            self.eat('}')
        };
        self.i = save;
        ok
    }

    fn atom(&mut self, depth: usize) -> Result<Node, String> {
        let Some(c) = self.peek() else {
            return Ok(Node::Empty);
        };
        self.i += 1;
        Ok(match c {
            '^' => Node::Start,
            '$' => Node::End,
            '.' => Node::Any,
            '*' | '+' | '?' => return Err("nothing to repeat".into()),
            '(' => {
                let node = if self.eat('?') {
                    match self.peek() {
                        Some(':') => {
                            self.i += 1;
                            Node::Group(Box::new(self.alternation(depth + 1)?), None)
                        }
                        Some('=') | Some('!') => {
                            let negate = self.peek() == Some('!');
                            self.i += 1;
                            Node::Look {
                                node: Box::new(self.alternation(depth + 1)?),
                                ahead: true,
                                negate,
                            }
                        }
                        Some('<') => {
                            self.i += 1;
                            match self.peek() {
                                Some('=') | Some('!') => {
                                    let negate = self.peek() == Some('!');
                                    self.i += 1;
                                    Node::Look {
                                        node: Box::new(self.alternation(depth + 1)?),
                                        ahead: false,
                                        negate,
                                    }
                                }
                                _ => {
                                    let name = self.group_name()?;
                                    if self.names.iter().any(|(n, _)| *n == name) {
                                        return Err(format!("duplicate group name {name}"));
                                    }
                                    self.groups += 1;
                                    let g = self.groups;
                                    self.names.push((name, g));
                                    Node::Group(Box::new(self.alternation(depth + 1)?), Some(g))
                                }
                            }
                        }
                        _ => return Err("invalid group".into()),
                    }
                } else {
                    self.groups += 1;
                    let g = self.groups;
                    Node::Group(Box::new(self.alternation(depth + 1)?), Some(g))
                };
                if !self.eat(')') {
                    return Err("unbalanced parenthesis".into());
                }
                node
            }
            ')' => return Err("unbalanced parenthesis".into()),
            '[' => self.class()?,
            '\\' => self.escape(false)?,
            c => Node::Char(c),
        })
    }

    fn group_name(&mut self) -> Result<String, String> {
        let start = self.i;
        while self.peek().is_some_and(|c| c != '>') {
            self.i += 1;
        }
        let name: String = self.chars[start..self.i].iter().collect();
        // An identifier (ECMA-262 RegExpIdentifierName): a letter, `$` or
        // `_`, then letters, digits, `$` or `_`.
        let ident = name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '$' || c == '_')
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '$' || c == '_');
        if !self.eat('>') || !ident {
            return Err("invalid group name".into());
        }
        Ok(name)
    }

    /// After a backslash. In a class, `\b` is a backspace and a
    /// backreference can't occur.
    fn escape(&mut self, in_class: bool) -> Result<Node, String> {
        let Some(e) = self.peek() else {
            return Err("\\ at end of pattern".into());
        };
        self.i += 1;
        let class = |item| Node::Class(vec![item], false);
        Ok(match e {
            'd' => class(ClassItem::Digit(false)),
            'D' => class(ClassItem::Digit(true)),
            'w' => class(ClassItem::Word(false)),
            'W' => class(ClassItem::Word(true)),
            's' => class(ClassItem::Space(false)),
            'S' => class(ClassItem::Space(true)),
            'b' if in_class => Node::Char('\u{8}'),
            'b' => Node::WordBoundary(true),
            'B' => Node::WordBoundary(false),
            'n' => Node::Char('\n'),
            'r' => Node::Char('\r'),
            't' => Node::Char('\t'),
            'f' => Node::Char('\u{C}'),
            'v' => Node::Char('\u{B}'),
            '0' if !self.peek().is_some_and(|c| c.is_ascii_digit()) => Node::Char('\0'),
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.i += 1;
                    Node::Char(char::from_u32(l as u32 % 32).unwrap_or('\0'))
                }
                _ => Node::Char('\\'),
            },
            'x' => {
                let h: String = self
                    .chars
                    .get(self.i..self.i + 2)
                    .unwrap_or(&[])
                    .iter()
                    .collect();
                match u32::from_str_radix(&h, 16).ok().and_then(char::from_u32) {
                    Some(c) if h.len() == 2 => {
                        self.i += 2;
                        Node::Char(c)
                    }
                    _ => Node::Char('x'),
                }
            }
            'u' => match unicode_escape(&self.chars[self.i..]) {
                Some((v, used)) => {
                    self.i += used;
                    Node::Char(char::from_u32(v).unwrap_or('\u{FFFD}'))
                }
                None => Node::Char('u'),
            },
            'k' if !in_class && self.peek() == Some('<') => {
                self.i += 1;
                Node::NamedBackRef(self.group_name()?)
            }
            d if d.is_ascii_digit() && !in_class => {
                self.i -= 1;
                let n = self.number().unwrap_or(0) as usize;
                Node::BackRef(n)
            }
            'p' | 'P' => {
                // `\p{Name}`: checked for shape here, run by the linear engine.
                if !self.eat('{') {
                    return Err("\\p needs a {property}".into());
                }
                while self.peek().is_some_and(|c| c != '}') {
                    self.i += 1;
                }
                if !self.eat('}') {
                    return Err("unterminated \\p{...}".into());
                }
                self.has_property_escape = true;
                Node::Class(Vec::new(), e == 'P')
            }
            other => Node::Char(other),
        })
    }

    fn class(&mut self) -> Result<Node, String> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err("unterminated character class".into());
            };
            self.i += 1;
            if c == ']' {
                break;
            }
            let lo = if c == '\\' {
                match self.escape(true)? {
                    Node::Char(ch) => ch,
                    Node::Class(mut v, _) => {
                        items.append(&mut v);
                        continue;
                    }
                    _ => return Err("invalid escape in class".into()),
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.chars.get(self.i + 1).is_some_and(|&n| n != ']') {
                self.i += 1;
                let Some(n) = self.peek() else {
                    return Err("unterminated character class".into());
                };
                self.i += 1;
                let hi = if n == '\\' {
                    match self.escape(true)? {
                        Node::Char(ch) => ch,
                        Node::Class(mut v, _) => {
                            items.push(ClassItem::Range(lo, lo));
                            items.push(ClassItem::Range('-', '-'));
                            items.append(&mut v);
                            continue;
                        }
                        _ => return Err("invalid escape in class".into()),
                    }
                } else {
                    n
                };
                if hi < lo {
                    return Err("range out of order in character class".into());
                }
                items.push(ClassItem::Range(lo, hi));
            } else {
                items.push(ClassItem::Range(lo, lo));
            }
        }
        Ok(Node::Class(items, negated))
    }
}

struct State<'s> {
    input: &'s [char],
    caps: Vec<Option<(usize, usize)>>,
    steps: u32,
    depth: u32,
    out_of_budget: bool,
}

type Cont<'k, 's> = &'k mut dyn FnMut(usize, &mut State<'s>) -> bool;

impl Program {
    fn search(&self, s: &str) -> Match {
        let input: Vec<char> = s.chars().collect();
        let mut st = State {
            input: &input,
            caps: vec![None; self.groups + 1],
            steps: 0,
            depth: 0,
            out_of_budget: false,
        };
        for start in 0..=input.len() {
            if m(&self.root, start, &mut st, &mut |_, _| true) {
                return Match::Yes;
            }
            if st.out_of_budget {
                return Match::Undecided;
            }
        }
        Match::No
    }
}

fn single_char(node: &Node, c: char) -> Option<bool> {
    Some(match node {
        Node::Char(x) => *x == c,
        Node::Any => !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'),
        Node::Class(items, neg) => items.iter().any(|i| class_item_matches(i, c)) != *neg,
        _ => return None,
    })
}

fn m<'s>(node: &Node, pos: usize, st: &mut State<'s>, k: Cont<'_, 's>) -> bool {
    st.steps += 1;
    if st.steps > STEP_BUDGET || st.depth > DEPTH_BUDGET {
        st.out_of_budget = true;
        return false;
    }
    if st.out_of_budget {
        return false;
    }
    st.depth += 1;
    let r = m_inner(node, pos, st, k);
    st.depth -= 1;
    r
}

fn m_inner<'s>(node: &Node, pos: usize, st: &mut State<'s>, k: Cont<'_, 's>) -> bool {
    let input = st.input;
    match node {
        Node::Empty => k(pos, st),
        Node::Char(_) | Node::Any | Node::Class(..) => match input.get(pos) {
            Some(&c) if single_char(node, c) == Some(true) => k(pos + 1, st),
            _ => false,
        },
        Node::Start => pos == 0 && k(pos, st),
        Node::End => pos == input.len() && k(pos, st),
        Node::WordBoundary(want) => {
            let before = pos > 0 && is_word(input[pos - 1]);
            let after = pos < input.len() && is_word(input[pos]);
            ((before != after) == *want) && k(pos, st)
        }
        Node::Group(inner, None) => m(inner, pos, st, k),
        Node::Group(inner, Some(g)) => {
            let g = *g;
            let saved = st.caps[g];
            let ok = m(inner, pos, st, &mut |end, st: &mut State<'s>| {
                let before = st.caps[g];
                st.caps[g] = Some((pos, end));
                if k(end, st) {
                    true
                } else {
                    st.caps[g] = before;
                    false
                }
            });
            if !ok {
                st.caps[g] = saved;
            }
            ok
        }
        Node::Concat(items) => concat(items, pos, st, k),
        Node::Alt(alts) => {
            for a in alts {
                if m(a, pos, st, k) {
                    return true;
                }
                if st.out_of_budget {
                    return false;
                }
            }
            false
        }
        Node::Repeat {
            node,
            min,
            max,
            greedy,
        } => {
            if single_char(node, 'a').is_some() {
                // A repeated single character: count the run, then try the
                // continuation from each length, with no recursion.
                let cap = max.map_or(usize::MAX, |x| x as usize);
                let mut n = 0usize;
                while n < cap
                    && input
                        .get(pos + n)
                        .is_some_and(|&c| single_char(node, c) == Some(true))
                {
                    n += 1;
                }
                let min = *min as usize;
                if n < min {
                    return false;
                }
                let mut try_len = |len: usize, st: &mut State<'s>| {
                    st.steps += 1;
                    if st.steps > STEP_BUDGET {
                        st.out_of_budget = true;
                        return false;
                    }
                    k(pos + len, st)
                };
                if *greedy {
                    for len in (min..=n).rev() {
                        if try_len(len, st) {
                            return true;
                        }
                        if st.out_of_budget {
                            return false;
                        }
                    }
                } else {
                    for len in min..=n {
                        if try_len(len, st) {
                            return true;
                        }
                        if st.out_of_budget {
                            return false;
                        }
                    }
                }
                false
            } else {
                repeat(node, *min, *max, *greedy, 0, pos, usize::MAX, st, k)
            }
        }
        Node::Look {
            node,
            ahead,
            negate,
        } => {
            let saved = st.caps.clone();
            let found = if *ahead {
                m(node, pos, st, &mut |_, _| true)
            } else {
                let mut found = false;
                for start in (0..=pos).rev() {
                    if m(node, start, st, &mut |end, _| end == pos) {
                        found = true;
                        break;
                    }
                    if st.out_of_budget {
                        return false;
                    }
                }
                found
            };
            if st.out_of_budget {
                return false;
            }
            if *negate {
                st.caps = saved;
                !found && k(pos, st)
            } else if found {
                if k(pos, st) {
                    true
                } else {
                    st.caps = saved;
                    false
                }
            } else {
                false
            }
        }
        Node::BackRef(g) => match st.caps.get(*g).copied().flatten() {
            Some((a, b)) => {
                let len = b - a;
                if pos + len <= input.len() && input[a..b] == input[pos..pos + len] {
                    k(pos + len, st)
                } else {
                    false
                }
            }
            // A group that did not take part matches the empty string.
            None => k(pos, st),
        },
        Node::NamedBackRef(_) => false,
    }
}

fn concat<'s>(items: &[Node], pos: usize, st: &mut State<'s>, k: Cont<'_, 's>) -> bool {
    match items.split_first() {
        None => k(pos, st),
        Some((first, rest)) => m(first, pos, st, &mut |p, st: &mut State<'s>| {
            concat(rest, p, st, k)
        }),
    }
}

#[allow(clippy::too_many_arguments)]
fn repeat<'s>(
    node: &Node,
    min: u32,
    max: Option<u32>,
    greedy: bool,
    count: u32,
    pos: usize,
    last: usize,
    st: &mut State<'s>,
    k: Cont<'_, 's>,
) -> bool {
    let can_more = max.is_none_or(|mx| count < mx);
    let enough = count >= min;
    // An iteration that matched the empty string ends the loop (ECMA's
    // RepeatMatcher step 2.b).
    let stalled = count > min && pos == last;
    if stalled {
        return false;
    }
    if !enough {
        return can_more && repeat_once(node, min, max, greedy, count, pos, st, k);
    }
    if greedy {
        if can_more && repeat_once(node, min, max, greedy, count, pos, st, k) {
            return true;
        }
        !st.out_of_budget && k(pos, st)
    } else {
        if k(pos, st) {
            return true;
        }
        !st.out_of_budget && can_more && repeat_once(node, min, max, greedy, count, pos, st, k)
    }
}

#[allow(clippy::too_many_arguments)]
fn repeat_once<'s>(
    node: &Node,
    min: u32,
    max: Option<u32>,
    greedy: bool,
    count: u32,
    pos: usize,
    st: &mut State<'s>,
    k: Cont<'_, 's>,
) -> bool {
    m(node, pos, st, &mut |p, st: &mut State<'s>| {
        repeat(
            node,
            min,
            max,
            greedy,
            count.saturating_add(1),
            p,
            pos,
            st,
            k,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(p: &str, s: &str) -> Match {
        Pattern::new(p).unwrap().find(s)
    }

    #[test]
    fn ecma_classes_on_the_linear_engine() {
        assert!(matches!(
            Pattern::new("^\\d+$").unwrap(),
            Pattern::Linear(_)
        ));
        assert_eq!(find("^\\d$", "\u{0660}"), Match::No); // Arabic-Indic digit
        assert_eq!(find("^\\w$", "é"), Match::No);
        assert_eq!(find("^\\s$", "\u{FEFF}"), Match::Yes);
        assert_eq!(find("^.$", "\n"), Match::No);
        assert_eq!(find("^\\u00e9$", "é"), Match::Yes);
        assert_eq!(find("^\\/\\-$", "/-"), Match::Yes);
        assert_eq!(find("a", "xax"), Match::Yes);
        assert_eq!(find("^[^]$", "\n"), Match::Yes);
        assert_eq!(find("[]", "a"), Match::No);
        assert_eq!(find("^(?<year>\\d{4})$", "2024"), Match::Yes);
        assert_eq!(find("^\\p{L}+$", "Ünïcödé"), Match::Yes);
    }

    #[test]
    fn lookaround_and_backreferences() {
        let p = Pattern::new("^(?!TEST-)[A-Z]+-\\d+$").unwrap();
        assert!(matches!(p, Pattern::Backtrack(_)));
        assert_eq!(p.find("PROJ-12"), Match::Yes);
        assert_eq!(p.find("TEST-12"), Match::No);
        assert_eq!(find("^(\\w)\\1$", "aa"), Match::Yes);
        assert_eq!(find("^(\\w)\\1$", "ab"), Match::No);
        assert_eq!(find("(?<=\\$)\\d+", "cost $12"), Match::Yes);
        assert_eq!(find("(?<!\\$)\\b\\d+", "$12"), Match::No);
        assert_eq!(find("^(?<q>['\"]).*\\k<q>$", "'x'"), Match::Yes);
        assert_eq!(find("^(?<q>['\"]).*\\k<q>$", "'x\""), Match::No);
        assert_eq!(find("^(?=.*[a-z])(?=.*\\d).{8,}$", "abcdefg1"), Match::Yes);
        assert_eq!(find("^(?=.*[a-z])(?=.*\\d).{8,}$", "abcdefgh"), Match::No);
        assert_eq!(find("^(a|ab)(c|bcd)(d*)(?=x)", "abcdx"), Match::Yes);
        assert_eq!(find("^(?:a*)*b$", "aaab"), Match::Yes);
    }

    #[test]
    fn catastrophic_backtracking_is_undecided_not_a_hang() {
        let evil = format!("{}!", "a".repeat(40));
        // Linear engine: exact answer.
        assert_eq!(find("^(a+)+$", &evil), Match::No);
        // Backtracker (a backreference forces it): out of budget.
        assert_eq!(find("^(a+)+\\1$", &evil), Match::Undecided);
        // Long inputs are undecided rather than overflowing the stack.
        let long = "ab".repeat(50_000);
        assert_ne!(find("^(?:(a)b)*(?=$)", &long), Match::No);
    }

    #[test]
    fn bad_patterns_are_refused() {
        for p in [
            "(",
            "a)",
            "[a",
            "*a",
            "a{2,1}",
            "(?<n>a)\\k<m>",
            "(?x)",
            "a{2}{3}",
            "(?=a){2}{3}",
            "(?<n>a)(?<n>b)",
            "(?<a-b>x)",
            "(?<1a>x)",
        ] {
            assert!(Pattern::new(p).is_err(), "{p}");
        }
    }
}

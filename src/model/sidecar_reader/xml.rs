//! `<metadata_view><metadata_values><NAME><field_values><value>V</value></field_values>...`,
//! read by roxmltree (a DTD, and so any entity expansion, is refused), with byte ranges for
//! every place. A `<score>` beside a `<value>` is iconik's and accepted.

use roxmltree::{Document, Node};

use crate::base::diagnostic::{Span, Target};
use crate::base::lines::{LineIndex, Position};
use crate::model::sidecar_reader::{
    ProblemKind, ReadField, ReadSidecar, ReadValue, field_pointer, span, value_pointer,
};

pub(super) fn read(text: &str, read: &mut ReadSidecar) {
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(err) => {
            let pos = err.pos();
            // These two have no place of their own: the text ends too soon.
            let at_end = matches!(
                err,
                roxmltree::Error::UnclosedRootNode | roxmltree::Error::NoRootNode
            );
            let offset = if at_end {
                text.len()
            } else {
                LineIndex::new(text)
                    .offset(
                        text,
                        Position {
                            line: pos.row as usize,
                            column: pos.col as usize,
                        },
                    )
                    .unwrap_or(text.len())
            };
            let message = err.to_string().replace(&format!(" at {pos}"), "");
            read.problem(
                ProblemKind::Unreadable,
                Target::Span(Span::new(offset, offset), String::new()),
                format!("the sidecar is not XML: {message}"),
            );
            return;
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "metadata_view" {
        read.problem(
            ProblemKind::NotIconik,
            name_target(root, String::new()),
            format!(
                "the root element is <{}>; iconik's XML sidecar is <metadata_view><metadata_values>...",
                root.tag_name().name()
            ),
        );
        return;
    }
    let mut lists = elements(root).filter(|e| e.tag_name().name() == "metadata_values");
    let Some(list) = lists.next() else {
        read.problem(
            ProblemKind::NotIconik,
            name_target(root, String::new()),
            "<metadata_view> has no <metadata_values>",
        );
        return;
    };
    read.fields_span = Some(name_span(list));
    for other in elements(root).filter(|e| e.id() != list.id()) {
        read.problem(
            ProblemKind::NotIconik,
            name_target(other, String::new()),
            format!(
                "<metadata_view> holds <{}>; iconik reads only one <metadata_values>",
                other.tag_name().name()
            ),
        );
    }
    for field in elements(list) {
        if let Some(field) = read_field(field, read) {
            read.fields.push(field);
        }
    }
}

fn read_field(field: Node<'_, '_>, read: &mut ReadSidecar) -> Option<ReadField> {
    let name = field.tag_name().name().to_owned();
    let mut whole = true;
    if let Some(text) = stray_text(field) {
        read.problem(
            ProblemKind::NotIconik,
            Target::Span(span(text.range()), field_pointer(&name)),
            format!(
                "field <{name}> holds text; iconik reads a value only as <{name}><field_values><value>...</value></field_values></{name}>"
            ),
        );
        whole = false;
    }
    let mut values = Vec::new();
    for item in elements(field) {
        let index = values.len();
        if item.tag_name().name() != "field_values" {
            read.problem(
                ProblemKind::NotIconik,
                name_target(item, field_pointer(&name)),
                format!(
                    "field <{name}> holds <{}>; each of its values is a <field_values><value>...</value></field_values>",
                    item.tag_name().name()
                ),
            );
            whole = false;
            continue;
        }
        let mut found = None;
        for part in elements(item) {
            match part.tag_name().name() {
                "value" if found.is_none() => found = Some(part),
                "score" => {}
                other => {
                    read.problem(
                        ProblemKind::NotIconik,
                        name_target(part, value_pointer(&name, index)),
                        format!("<field_values> of <{name}> holds <{other}>; it holds one <value> (and an optional <score>)"),
                    );
                    whole = false;
                }
            }
        }
        let Some(value) = found else {
            read.problem(
                ProblemKind::NotIconik,
                name_target(item, value_pointer(&name, index)),
                format!("<field_values> of <{name}> has no <value>"),
            );
            whole = false;
            continue;
        };
        let text_node = value.children().find(|c| c.is_text());
        values.push(ReadValue {
            text: value.text().unwrap_or_default().to_owned(),
            span: Some(text_node.map_or_else(|| name_span(value), |t| span(t.range()))),
        });
    }
    whole.then(|| ReadField {
        span: Some(name_span(field)),
        name,
        values,
    })
}

/// The element children of a node.
fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(|c| c.is_element())
}

/// A text child that is not white space.
fn stray_text<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_text() && c.text().is_some_and(|t| !t.trim().is_empty()))
}

/// An element's name in its start tag: the narrowest place that is the element.
fn name_span(element: Node<'_, '_>) -> Span {
    let start = element.range().start + 1;
    Span::new(start, start + element.tag_name().name().len())
}

fn name_target(element: Node<'_, '_>, pointer: String) -> Target {
    Target::Span(name_span(element), pointer)
}

#[cfg(test)]
mod tests {
    use crate::base::diagnostic::{Span, Target};
    use crate::model::sidecar_reader::{ProblemKind, SidecarFormat, read};

    #[test]
    fn what_generate_writes_reads_back() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata_view>\n  <metadata_values>\n    <Project>\n      <field_values>\n        <value>a&lt;b</value>\n      </field_values>\n    </Project>\n  </metadata_values>\n</metadata_view>\n";
        let (_, read) = read(SidecarFormat::Xml, text.as_bytes().to_vec());
        assert_eq!(read.problems, []);
        assert_eq!(read.fields[0].name, "Project");
        assert_eq!(read.fields[0].values[0].text, "a<b");
        let Target::Span(at, pointer) = read.fields[0].value_target(0) else {
            panic!()
        };
        assert_eq!(&text[at.start..at.end], "a&lt;b");
        assert_eq!(pointer, "/metadata_values/Project/field_values/0/value");
    }

    #[test]
    fn torn_and_foreign_xml() {
        let (_, torn) = read(
            SidecarFormat::Xml,
            b"<metadata_view>\n  <metadata_values>".to_vec(),
        );
        assert_eq!(torn.problems[0].kind, ProblemKind::Unreadable);
        assert_eq!(
            torn.problems[0].message,
            "the sidecar is not XML: the root node was opened but never closed"
        );
        let (_, text) = read(
            SidecarFormat::Xml,
            b"<metadata_view><metadata_values><Project>PRX</Project></metadata_values></metadata_view>".to_vec(),
        );
        assert_eq!(text.problems.len(), 1);
        assert_eq!(text.problems[0].kind, ProblemKind::NotIconik);
        assert_eq!(
            text.problems[0].target,
            Target::Span(Span::new(41, 44), "/metadata_values/Project".into())
        );
        let (_, dtd) = read(
            SidecarFormat::Xml,
            b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]><metadata_view/>".to_vec(),
        );
        assert_eq!(dtd.problems[0].kind, ProblemKind::Unreadable);
    }
}

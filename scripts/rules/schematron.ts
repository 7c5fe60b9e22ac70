// Reads an ISO Schematron file (queryBinding xslt2, the form the EN 16931 and Peppol rules take)
// into a plain model: namespaces, global lets, XSLT functions, patterns with their rules, lets and
// assertions. The XPath below runs on SaxonJS at build time only.
import SaxonJS from 'saxon-js';

export interface SchLet {
	name: string;
	value: string;
}
export interface SchAssertion {
	kind: 'assert' | 'report';
	id: string;
	/** The flag as written; the official files use fatal and warning, and none means fatal. */
	flag: string;
	test: string;
	/** The assertion's text, whitespace normalised (the official files hold static text only). */
	text: string;
}
export interface SchRule {
	context: string;
	lets: SchLet[];
	assertions: SchAssertion[];
}
export interface SchPattern {
	id: string;
	rules: SchRule[];
}
export interface Schematron {
	namespaces: { prefix: string; uri: string }[];
	/** Schema- and pattern-level lets: global variables, evaluated on the document. */
	lets: SchLet[];
	/** xsl:* children of the schema (the Peppol file's xsl:function), serialised as written. */
	xslt: string[];
	patterns: SchPattern[];
}

const model = `
let $s := /sch:schema,
    $let := function($l) { map { 'name': string($l/@name), 'value': string($l/@value) } }
return map {
  'namespaces': array { $s/sch:ns ! map { 'prefix': string(@prefix), 'uri': string(@uri) } },
  'lets': array { ($s/sch:let | $s/sch:pattern/sch:let) ! $let(.) },
  'xslt': array { $s/xsl:* ! serialize(., map { 'method': 'xml', 'omit-xml-declaration': true() }) },
  'patterns': array { $s/sch:pattern ! map {
    'id': string(@id),
    'rules': array { sch:rule ! map {
      'context': string(@context),
      'lets': array { sch:let ! $let(.) },
      'assertions': array { (sch:assert | sch:report) ! map {
        'kind': local-name(),
        'id': string(@id),
        'flag': string((@flag, 'fatal')[1]),
        'test': string(@test),
        'text': normalize-space(.)
      } }
    } }
  } }
}`;

export function readSchematron(text: string): Schematron {
	const doc = SaxonJS.XPath.evaluate('parse-xml($text)', null, { params: { text } });
	const result = SaxonJS.XPath.evaluate(model, doc, {
		namespaceContext: {
			sch: 'http://purl.oclc.org/dsdl/schematron',
			xsl: 'http://www.w3.org/1999/XSL/Transform',
		},
		resultForm: 'array',
	}) as unknown[];
	return result[0] as Schematron;
}

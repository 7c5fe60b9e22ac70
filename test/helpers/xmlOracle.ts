// The UBL writer's XML built node by node through xmlbuilder2: an independent serializer the tests
// compare core/ubl/xml/render.ts with (for values xmlbuilder2 escapes the same way: no ampersands).
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';

import type { XNode } from '../../core/ubl/xml/node';
import type { XmlRoot } from '../../core/ubl/xml/render';

export function renderDocumentDirect(root: XmlRoot, children: readonly XNode[]): string {
	const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(root.namespace, root.name, root.attrs);
	const add = (parent: XMLBuilder, node: XNode) => {
		const element = parent.ele(node.name, node.attrs);
		if (node.text !== undefined) element.txt(node.text);
		else for (const child of node.children ?? []) add(element, child);
	};
	for (const child of children) add(doc, child);
	return doc.end({ prettyPrint: true, indent: '  ' });
}

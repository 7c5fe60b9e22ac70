// A small hand-written Peppol invoice for the reader's unit tests, with hooks to change one part.
export interface UblParts {
	root?: 'Invoice' | 'CreditNote';
	typeCode?: string;
	currency?: string;
	header?: string;
	buyerIds?: string;
	rate?: string;
	lineExtra?: string;
	/** Replaces the namespace prefixes cbc/cac. */
	prefixes?: { cbc: string; cac: string };
}

export function ublInvoice(parts: UblParts = {}): string {
	const root = parts.root ?? 'Invoice';
	const isCredit = root === 'CreditNote';
	const currency = parts.currency ?? 'EUR';
	const rate = parts.rate ?? '21';
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>2026-0042</cbc:ID>
  <cbc:IssueDate>2026-11-20</cbc:IssueDate>
  ${isCredit ? '' : '<cbc:DueDate>2026-12-20</cbc:DueDate>'}
  <cbc:${root}TypeCode>${parts.typeCode ?? (isCredit ? '381' : '380')}</cbc:${root}TypeCode>
  <cbc:DocumentCurrencyCode>${currency}</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>PO-1</cbc:BuyerReference>${parts.header ?? ''}
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0208">0876543270</cbc:EndpointID>
      <cac:PartyName><cbc:Name>Bakkerij De Zon BV</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Veldstraat 12</cbc:StreetName><cbc:CityName>Gent</cbc:CityName><cbc:PostalZone>9000</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme><cbc:CompanyID>BE0876543270</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
      <cac:PartyLegalEntity><cbc:RegistrationName>Bakkerij De Zon BV</cbc:RegistrationName><cbc:CompanyID schemeID="0208">0876543270</cbc:CompanyID></cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      ${parts.buyerIds ?? '<cbc:EndpointID schemeID="0208">0555121201</cbc:EndpointID>'}
      <cac:PartyName><cbc:Name>Hotel Zeezicht NV</cbc:Name></cac:PartyName>
      <cac:PostalAddress><cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
      <cac:PartyTaxScheme><cbc:CompanyID>BE0555121201</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
      <cac:PartyLegalEntity><cbc:RegistrationName>Hotel Zeezicht NV</cbc:RegistrationName></cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cbc:PaymentID>+++090/9337/55493+++</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>BE71096123456769</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="${currency}">21.00</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="${currency}">100.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="${currency}">21.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${currency}">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="${currency}">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="${currency}">121.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="${currency}">121.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:${root}Line>
    <cbc:ID>1</cbc:ID>
    <cbc:${isCredit ? 'Credited' : 'Invoiced'}Quantity unitCode="C62">4</cbc:${isCredit ? 'Credited' : 'Invoiced'}Quantity>
    <cbc:LineExtensionAmount currencyID="${currency}">100.00</cbc:LineExtensionAmount>${parts.lineExtra ?? ''}
    <cac:Item>
      <cbc:Name>Croissants</cbc:Name>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>${rate}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="${currency}">25</cbc:PriceAmount></cac:Price>
  </cac:${root}Line>
</${root}>
`;
	if (!parts.prefixes) return xml;
	const { cbc, cac } = parts.prefixes;
	return xml.replace(/(<\/?)cbc:/g, `$1${cbc}:`).replace(/(<\/?)cac:/g, `$1${cac}:`).replace('xmlns:cac=', `xmlns:${cac}=`).replace('xmlns:cbc=', `xmlns:${cbc}=`);
}

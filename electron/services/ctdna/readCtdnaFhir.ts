/**
 * FHIR R4 -> the ctDNA model: a Bundle (any type) or one resource (a folder of resources is read
 * file by file and merged).
 *
 *   Observation          ctDNA result: valueQuantity (value, unit, comparator) and/or interpretation
 *                        DET / ND / IND (v3-ObservationInterpretation); components for variants
 *                        detected, variants tracked and the LOD; effectiveDateTime; issued = report.
 *                        There is no standard ctDNA LOINC code: any code is accepted, its text shown.
 *                        An Observation with a sample-VAF component (LOINC 81258-6) and a gene
 *                        (48018-6) is a per-variant VAF. Other Observations are left out, named.
 *   Procedure            surgery or biopsy (radiotherapy: a treatment)
 *   MedicationStatement / MedicationAdministration / MedicationRequest   treatment (administrations of
 *                        one drug less than 6 weeks apart make one course)
 *   DiagnosticReport     imaging with its conclusion (a lab report lends its issued date and performer
 *                        to the Observations it lists)
 *   ImagingStudy         imaging (when no DiagnosticReport reports it)
 *   Specimen             specimens (tissue behind the slides and variant files, plasma draws)
 *   Condition            diagnosis
 *
 * Only one patient: the Bundle's Patient (the one named `patientId` when there are several), or the
 * subject of the first resource that names one. Other patients' resources are left out, named.
 */
import type {
  CtdnaEvent,
  CtdnaEventType,
  CtdnaPoint,
  CtdnaSeries,
  CtdnaSpecimen,
  CtdnaStatus,
  CtdnaVariantResult,
} from '../../../shared/model/ctdna.js';
import { badFile } from '../errors.js';
import { isoDate } from './isoDate.js';
import { parseStatus } from './parseResultRow.js';
import { DEFAULT_UNIT } from './readCtdnaCsv.js';
import { sourceOf } from './seriesSource.js';
import { SeriesUnit } from './seriesUnit.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- FHIR JSON is read defensively, field by field. */
type Resource = { resourceType: string; id?: string; [key: string]: any };
type Coding = { system?: string; code?: string; display?: string };
type CodeableConcept = { text?: string; coding?: Coding[] };

export const FHIR_RESOURCE_TYPES = [
  'Bundle',
  'Observation',
  'Procedure',
  'MedicationStatement',
  'MedicationAdministration',
  'MedicationRequest',
  'DiagnosticReport',
  'ImagingStudy',
  'Specimen',
  'Condition',
] as const;
/** Resources only referred to: read for names, never reported as left out. */
const SUPPORTING = new Set([
  'Patient',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Medication',
  'Encounter',
  'Location',
  'Device',
]);

const INTERPRETATION: Record<string, CtdnaStatus> = {
  DET: 'DETECTED',
  POS: 'DETECTED',
  A: 'DETECTED',
  ND: 'NOT_DETECTED',
  NEG: 'NOT_DETECTED',
  N: 'NOT_DETECTED',
  IND: 'INDETERMINATE',
  E: 'INDETERMINATE',
};
/** SNOMED CT answers a valueCodeableConcept may give. */
const SNOMED_STATUS: Record<string, CtdnaStatus> = {
  '260373001': 'DETECTED',
  '10828004': 'DETECTED',
  '260415000': 'NOT_DETECTED',
  '260385009': 'NOT_DETECTED',
  '82334004': 'INDETERMINATE',
  '125154007': 'QNS',
};
const LOINC_VAF = '81258-6';
const LOINC_GENE = '48018-6';
const LOINC_AA_CHANGE = ['48005-3', '81290-9'];
const CTDNA_WORDS =
  /ctdna|circulating tumou?r|cell.?free|cfdna|mtm|tumou?r.?informed|signatera|minimal residual|\bmrd\b|molecular residual/i;
const IMAGING_WORDS = /\b(ct|mri|mr|pet|pet-ct|x-ray|xr|ultrasound|us|scan|imaging|radiolog\w*|tomograph\w*)\b/i;
const COURSE_GAP_DAYS = 42;

const text = (c: CodeableConcept | undefined): string | undefined =>
  c?.text?.trim() || c?.coding?.find((x) => x.display)?.display?.trim() || c?.coding?.find((x) => x.code)?.code;
const codes = (c: CodeableConcept | undefined): Coding[] => (Array.isArray(c?.coding) ? c.coding : []);
const hasCode = (c: CodeableConcept | undefined, code: string | string[]): boolean =>
  codes(c).some((x) => (Array.isArray(code) ? code : [code]).includes(x.code ?? ''));
const dateOf = (value: unknown): string | undefined => (typeof value === 'string' ? isoDate(value) : undefined);
const refOf = (r: Resource): string => `${r.resourceType}/${r.id ?? '(no id)'}`;

export function readCtdnaFhir(data: unknown, path: string, name: string, options: { patientId?: string } = {}): CtdnaSeries {
  const root = data as Resource;
  if (typeof root !== 'object' || root === null || typeof root.resourceType !== 'string')
    throw badFile(path, 'not a FHIR resource (no resourceType)');
  const warnings: string[] = [];
  const warn = (message: string): void => void warnings.push(`${name} ${message}`);
  const entries: Array<{ resource: Resource; fullUrl?: string; where: string }> = [];
  if (root.resourceType === 'Bundle') {
    if (!Array.isArray(root.entry)) throw badFile(path, `Bundle/${root.id ?? ''}: no entry array`);
    root.entry.forEach((entry: any, i: number) => {
      const resource = entry?.resource;
      if (typeof resource?.resourceType !== 'string') {
        warn(`Bundle entry ${i}: no resource with a resourceType; ignored`);
        return;
      }
      entries.push({ resource, fullUrl: entry.fullUrl, where: refOf(resource) });
    });
  } else {
    entries.push({ resource: root, where: refOf(root) });
  }

  // References resolve by "Type/id", by fullUrl (urn:uuid:…) and by a full URL ending in Type/id.
  const byRef = new Map<string, Resource>();
  for (const { resource, fullUrl } of entries) {
    if (resource.id) byRef.set(refOf(resource), resource);
    if (fullUrl) byRef.set(fullUrl, resource);
  }
  const resolve = (reference: { reference?: string } | undefined): Resource | undefined => {
    const ref = reference?.reference;
    if (!ref) return undefined;
    return byRef.get(ref) ?? byRef.get(ref.split('/').slice(-2).join('/'));
  };
  const refKey = (reference: { reference?: string } | undefined): string | undefined => {
    const target = resolve(reference);
    if (target?.id) return refOf(target);
    return reference?.reference?.split('/').slice(-2).join('/');
  };

  // The patient.
  const patients = entries.map((e) => e.resource).filter((r) => r.resourceType === 'Patient');
  const wanted = options.patientId;
  const patient =
    (wanted &&
      patients.find((p) => p.id === wanted || (p.identifier ?? []).some((i: { value?: string }) => i.value === wanted))) ||
    patients[0];
  if (patients.length > 1)
    warn(
      `holds ${patients.length} patients (${patients.map(refOf).join(', ')}); only ${refOf(patient!)} is read, the others' resources are ignored`,
    );
  let subject: string | undefined = patient ? refOf(patient) : undefined;
  const isOurs = (r: Resource): boolean => {
    const ref = r.subject ?? r.patient;
    if (!ref?.reference) return true;
    const key = refKey(ref);
    subject ??= key;
    if (key === subject) return true;
    warn(`${refOf(r)}: about ${key}, not ${subject}; ignored`);
    return false;
  };

  const resources = entries.map((e) => e.resource).filter((r) => !SUPPORTING.has(r.resourceType) && isOurs(r));
  const live = resources.filter((r) => {
    if (['entered-in-error', 'not-done', 'cancelled', 'not-taken', 'stopped-in-error'].includes(r.status)) {
      warn(`${refOf(r)}: status ${r.status}; ignored`);
      return false;
    }
    return true;
  });

  const specimenIdOf = (reference: { reference?: string; display?: string } | undefined): string | undefined => {
    const target = resolve(reference);
    if (target?.resourceType === 'Specimen') return specimenIdentifier(target);
    return reference?.display ?? reference?.reference?.split('/').pop();
  };

  // Lab reports lend their issued date and performer to the results they list.
  const fromReport = new Map<Resource, { issued?: string; performer?: string }>();
  const reportedStudies = new Set<Resource>();
  for (const r of live) {
    if (r.resourceType !== 'DiagnosticReport') continue;
    for (const ref of r.result ?? []) {
      const target = resolve(ref);
      if (target) fromReport.set(target, { issued: dateOf(r.issued), performer: r.performer?.[0]?.display });
    }
    for (const ref of r.imagingStudy ?? []) {
      const target = resolve(ref);
      if (target) reportedStudies.add(target);
    }
  }

  const points: CtdnaPoint[] = [];
  const events: CtdnaEvent[] = [];
  const variants: CtdnaVariantResult[] = [];
  const specimens: CtdnaSpecimen[] = [];
  const administrations: Array<{ label: string; start: string; end: string; where: string }> = [];
  const units = new SeriesUnit(path);
  const specimenOfProcedure = new Map<Resource, string>();
  for (const r of live) {
    if (r.resourceType !== 'Specimen') continue;
    const procedure = resolve(r.collection?.procedure);
    if (procedure) specimenOfProcedure.set(procedure, specimenIdentifier(r));
  }

  for (const r of live) {
    const where = refOf(r);
    const reject = (reason: string): void => warn(`${where}: ${reason}; ignored`);
    switch (r.resourceType) {
      case 'Observation': {
        const components: any[] = Array.isArray(r.component) ? r.component : [];
        if (components.some((c) => hasCode(c.code, LOINC_VAF))) {
          const outcome = variantObservation(r, components);
          if (typeof outcome === 'string') reject(outcome);
          else variants.push(outcome);
          break;
        }
        const outcome = resultObservation(r, components, fromReport.get(r), specimenIdOf, resolve);
        if (typeof outcome === 'string') {
          reject(outcome);
          break;
        }
        for (const note of outcome.notes) warn(`${where}: ${note}`);
        if (outcome.point.unit) units.check(outcome.point.unit, where);
        points.push(outcome.point);
        break;
      }
      case 'Procedure': {
        const label = text(r.code);
        const start = dateOf(r.performedDateTime) ?? dateOf(r.performedPeriod?.start);
        if (!label || !start) {
          reject(label ? 'no performedDateTime or performedPeriod.start' : 'no code text');
          break;
        }
        const radiotherapy = /radiation|radiotherap|\brt\b|brachytherap/i.test(label) || hasCode(r.category, '108290001');
        const type: CtdnaEventType = radiotherapy ? 'treatment' : /biops/i.test(label) ? 'biopsy' : 'surgery';
        const event: CtdnaEvent = { type, label, start };
        const end = dateOf(r.performedPeriod?.end);
        if (end && end > start && radiotherapy) event.end = end;
        const result = text(r.outcome);
        if (result) event.result = result;
        const specimenId = specimenOfProcedure.get(r);
        if (specimenId) event.specimenId = specimenId;
        events.push(event);
        break;
      }
      case 'MedicationStatement':
      case 'MedicationAdministration':
      case 'MedicationRequest': {
        const medication = resolve(r.medicationReference);
        const label = text(r.medicationCodeableConcept) ?? text(medication?.code) ?? r.medicationReference?.display;
        if (!label) {
          reject('no medication name');
          break;
        }
        const period = r.effectivePeriod ?? r.dispenseRequest?.validityPeriod;
        const start = dateOf(r.effectiveDateTime) ?? dateOf(period?.start) ?? dateOf(r.authoredOn);
        if (!start) {
          reject('no effective date');
          break;
        }
        const end = dateOf(period?.end);
        if (r.resourceType === 'MedicationAdministration') {
          administrations.push({ label, start, end: end ?? start, where });
          break;
        }
        const event: CtdnaEvent = { type: 'treatment', label, start };
        if (end && end >= start) event.end = end;
        events.push(event);
        break;
      }
      case 'DiagnosticReport': {
        const label = text(r.code);
        const imaging =
          codes(r.category).some(
            (c) => c.code === 'RAD' || c.code === 'LP29684-5' || /imaging|radiolog/i.test(c.display ?? ''),
          ) ||
          (label !== undefined && IMAGING_WORDS.test(label));
        if (!imaging) {
          if (!(r.result ?? []).length) reject('not an imaging report and lists no results');
          break;
        }
        const start = dateOf(r.effectiveDateTime) ?? dateOf(r.effectivePeriod?.start) ?? dateOf(r.issued);
        if (!label || !start) {
          reject(label ? 'no effective date' : 'no code text');
          break;
        }
        const event: CtdnaEvent = { type: 'imaging', label, start };
        const result = r.conclusion?.trim() || text(r.conclusionCode?.[0]);
        if (result) event.result = result;
        events.push(event);
        break;
      }
      case 'ImagingStudy': {
        if (reportedStudies.has(r)) break;
        const label =
          r.description?.trim() ||
          text(r.procedureCode?.[0]) ||
          codes({ coding: r.modality })
            .map((c) => c.code)
            .join('/');
        const start = dateOf(r.started);
        if (!label || !start) {
          reject(label ? 'no started date' : 'no description, procedure code or modality');
          break;
        }
        events.push({ type: 'imaging', label, start });
        break;
      }
      case 'Specimen': {
        const date = dateOf(r.collection?.collectedDateTime) ?? dateOf(r.collection?.collectedPeriod?.start);
        if (!date) {
          reject('no collection.collectedDateTime');
          break;
        }
        const specimen: CtdnaSpecimen = { id: specimenIdentifier(r), date };
        const type = text(r.type);
        if (type) specimen.type = type;
        const site = text(r.collection?.bodySite);
        const label = [type, site].filter(Boolean).join(', ');
        if (label) specimen.label = label;
        const sample = (r.identifier ?? []).find((i: { type?: CodeableConcept }) => /sample/i.test(text(i.type) ?? ''));
        if (sample?.value) specimen.sampleId = sample.value;
        specimens.push(specimen);
        break;
      }
      case 'Condition': {
        const label = text(r.code);
        const start = dateOf(r.onsetDateTime) ?? dateOf(r.onsetPeriod?.start) ?? dateOf(r.recordedDate);
        if (!label || !start) {
          reject(label ? 'no onsetDateTime or recordedDate' : 'no code text');
          break;
        }
        events.push({ type: 'diagnosis', label, start });
        break;
      }
      default:
        reject(`${r.resourceType} is not a resource Triptych reads for ctDNA`);
    }
  }
  events.push(...courses(administrations));
  // Results without a value (not detected, QNS) take the series' unit.
  const unit = units.unit ?? points.map((p) => p.unit).find(Boolean) ?? DEFAULT_UNIT;
  for (const p of points) if (!p.unit) p.unit = unit;

  const series: CtdnaSeries = { points, events, warnings };
  if (variants.length) series.variants = variants;
  if (specimens.length) series.specimens = specimens;
  return subject ? sourceOf.set(series, { file: name, subject }) : series;
}

function specimenIdentifier(r: Resource): string {
  return r.accessionIdentifier?.value ?? r.identifier?.[0]?.value ?? r.id ?? '(specimen)';
}

/** Administrations of one drug less than 6 weeks apart -> one treatment course. */
function courses(doses: Array<{ label: string; start: string; end: string }>): CtdnaEvent[] {
  const out: CtdnaEvent[] = [];
  const byDrug = new Map<string, typeof doses>();
  for (const d of doses) byDrug.set(d.label, [...(byDrug.get(d.label) ?? []), d]);
  for (const [label, list] of byDrug) {
    list.sort((a, b) => a.start.localeCompare(b.start));
    let course: CtdnaEvent | undefined;
    for (const dose of list) {
      const gap = course ? (Date.parse(dose.start) - Date.parse(course.end ?? course.start)) / 86_400_000 : Infinity;
      if (course && gap <= COURSE_GAP_DAYS) course.end = dose.end > (course.end ?? '') ? dose.end : course.end;
      else {
        course = { type: 'treatment', label, start: dose.start, end: dose.end };
        out.push(course);
      }
    }
  }
  for (const e of out) if (e.end === e.start) delete e.end;
  return out;
}

function componentValue(c: any): number | undefined {
  if (typeof c?.valueInteger === 'number') return c.valueInteger;
  if (typeof c?.valueQuantity?.value === 'number') return c.valueQuantity.value;
  return undefined;
}

function statusOf(r: Resource): CtdnaStatus | undefined {
  for (const interpretation of r.interpretation ?? []) {
    for (const c of codes(interpretation)) {
      const status = INTERPRETATION[(c.code ?? '').toUpperCase()];
      if (status) return status;
    }
    const word = parseStatus(text(interpretation) ?? '');
    if (word) return word;
  }
  const concept = r.valueCodeableConcept as CodeableConcept | undefined;
  if (concept) {
    for (const c of codes(concept)) if (SNOMED_STATUS[c.code ?? '']) return SNOMED_STATUS[c.code ?? ''];
    const word = parseStatus(text(concept) ?? '');
    if (word) return word;
  }
  if (r.dataAbsentReason) {
    const reason = `${text(r.dataAbsentReason) ?? ''} ${codes(r.dataAbsentReason)
      .map((c) => c.code)
      .join(' ')}`;
    return /insufficient|qns|quantity|not-performed/i.test(reason) ? 'QNS' : 'INDETERMINATE';
  }
  return undefined;
}

function resultObservation(
  r: Resource,
  components: any[],
  report: { issued?: string; performer?: string } | undefined,
  specimenIdOf: (ref: any) => string | undefined,
  resolve: (ref: any) => Resource | undefined,
): { point: CtdnaPoint; notes: string[] } | string {
  const notes: string[] = [];
  const name = text(r.code);
  const quantity = r.valueQuantity as { value?: number; unit?: string; code?: string; comparator?: string } | undefined;
  let status = statusOf(r);
  const looksCtdna =
    (name !== undefined && CTDNA_WORDS.test(name)) ||
    /mtm|copies/i.test(quantity?.unit ?? quantity?.code ?? '') ||
    (status !== undefined && (r.interpretation ?? []).length > 0);
  if (!looksCtdna) return `"${name ?? 'no code'}" is not a ctDNA result`;
  const specimen = resolve(r.specimen);
  const date =
    dateOf(r.effectiveDateTime) ??
    dateOf(r.effectivePeriod?.start) ??
    dateOf(specimen?.collection?.collectedDateTime) ??
    undefined;
  if (!date) return 'no effectiveDateTime';
  const value = typeof quantity?.value === 'number' ? quantity.value : undefined;
  if (value !== undefined && value < 0) return `valueQuantity.value ${value} is below 0`;
  status ??= value === undefined ? undefined : value === 0 || quantity?.comparator?.startsWith('<') ? 'NOT_DETECTED' : 'DETECTED';
  if (!status) return 'neither a valueQuantity nor an interpretation (DET, ND, IND)';
  const reportable = status === 'DETECTED' || status === 'INDETERMINATE';
  if (!reportable && value) notes.push(`value ${value} ignored for a ${status} result`);
  const point: CtdnaPoint = {
    date,
    value: reportable ? (value ?? null) : null,
    unit: quantity?.unit ?? quantity?.code ?? '',
    status,
  };
  const issued = dateOf(r.issued) ?? report?.issued;
  if (issued) point.reportDate = issued;
  if (quantity?.comparator && reportable) point.comparator = quantity.comparator;
  for (const c of components) {
    const label = text(c.code) ?? '';
    const v = componentValue(c);
    if (/variants?.*detected|detected.*variants?/i.test(label) && v !== undefined) point.variantsDetected = v;
    else if (/variants?.*(tracked|monitored|assessed|targeted)|(tracked|monitored).*variants?/i.test(label) && v !== undefined)
      point.variantsTracked = v;
    else if (/limit of detection|\blod\b/i.test(label) && v !== undefined) {
      point.lod = v;
      if (!point.unit && c.valueQuantity?.unit) point.unit = c.valueQuantity.unit;
    } else if (/qualif/i.test(label) && typeof c.valueBoolean === 'boolean') point.qualified = c.valueBoolean;
  }
  if (
    point.lod === undefined &&
    typeof r.referenceRange?.[0]?.low?.value === 'number' &&
    /detect|lod/i.test(r.referenceRange[0].text ?? '')
  )
    point.lod = r.referenceRange[0].low.value;
  if (
    point.variantsDetected !== undefined &&
    point.variantsTracked !== undefined &&
    point.variantsDetected > point.variantsTracked
  )
    return `variants detected ${point.variantsDetected} is more than variants tracked ${point.variantsTracked}`;
  if (name) point.assay = name;
  const code = codes(r.code).find((c) => c.code);
  if (code) point.code = `${code.system ?? ''}|${code.code}`;
  const vendor = r.performer?.[0]?.display ?? report?.performer;
  if (vendor) point.vendor = vendor;
  const method = text(r.method) ?? '';
  if (/tumou?r.?informed|personali[sz]ed|bespoke/i.test(`${method} ${name}`)) point.tumorInformed = true;
  else if (/tumou?r.?(naive|na[iï]ve|agnostic|uninformed)/i.test(`${method} ${name}`)) point.tumorInformed = false;
  if (point.qualified === undefined && (r.note ?? []).some((n: { text?: string }) => /qualified/i.test(n.text ?? '')))
    point.qualified = true;
  const specimenId = specimenIdOf(r.specimen);
  if (specimenId) point.specimenId = specimenId;
  return { point, notes };
}

function variantObservation(r: Resource, components: any[]): CtdnaVariantResult | string {
  const date = dateOf(r.effectiveDateTime) ?? dateOf(r.effectivePeriod?.start);
  if (!date) return 'no effectiveDateTime';
  const gene = text(components.find((c) => hasCode(c.code, LOINC_GENE))?.valueCodeableConcept);
  if (!gene) return 'a variant VAF without a gene studied (48018-6) component';
  const vaf = componentValue(components.find((c) => hasCode(c.code, LOINC_VAF)));
  if (vaf === undefined || vaf < 0 || vaf > 1) return `sample VAF ${vaf ?? '(none)'} is not a fraction 0–1`;
  const status = statusOf(r);
  const detected = status ? status === 'DETECTED' : vaf > 0;
  const result: CtdnaVariantResult = { date, gene, vaf: detected ? vaf : null, status: detected ? 'DETECTED' : 'NOT_DETECTED' };
  const aa = text(components.find((c) => hasCode(c.code, LOINC_AA_CHANGE))?.valueCodeableConcept);
  if (aa) result.proteinChange = aa;
  return result;
}

/**
 * One synthetic patient's ctDNA story written in every input form Triptych reads, generated here so
 * that the forms say the same thing: our CSV, our JSON, a FHIR R4 Bundle (as mCODE writes one) and
 * cBioPortal timeline files (days from the diagnosis).
 */
import { addDays, daysBetween, type CtdnaEventType, type CtdnaStatus } from '../../../shared/model/ctdna.js';

export const PATIENT = 'CRC-0042';
export const DIAGNOSIS = '2024-03-04';
export const UNIT = 'MTM/mL';
export const LOD = 0.02;
export const TRACKED = 16;

export type Draw = { date: string; status: CtdnaStatus; value?: number; detected?: number; specimen: string };
export const DRAWS: Draw[] = [
  { date: '2024-03-11', status: 'DETECTED', value: 22.4, detected: 15, specimen: 'PL-1' },
  { date: '2024-05-02', status: 'NOT_DETECTED', detected: 0, specimen: 'PL-2' },
  { date: '2024-08-01', status: 'NOT_DETECTED', detected: 0, specimen: 'PL-3' },
  { date: '2024-10-30', status: 'QNS', specimen: 'PL-4' },
  { date: '2024-11-27', status: 'DETECTED', value: 0.31, detected: 3, specimen: 'PL-5' },
  { date: '2025-01-29', status: 'DETECTED', value: 4.8, detected: 9, specimen: 'PL-6' },
];

export type StoryEvent = { type: CtdnaEventType; label: string; start: string; end?: string; result?: string };
export const EVENTS: StoryEvent[] = [
  { type: 'diagnosis', label: 'Diagnosis: adenocarcinoma of the sigmoid colon', start: DIAGNOSIS },
  { type: 'surgery', label: 'Sigmoid colectomy', start: '2024-03-20', result: 'pT3 N1a, R0' },
  { type: 'treatment', label: 'Capecitabine + oxaliplatin', start: '2024-04-15', end: '2024-09-30' },
  { type: 'imaging', label: 'CT chest/abdomen/pelvis', start: '2024-09-12', result: 'NED' },
  { type: 'imaging', label: 'CT chest/abdomen/pelvis', start: '2025-02-10', result: 'recurrence: two liver lesions' },
];

/** What `triptych inspect` prints for this story: the comparison every form must meet. */
export const EXPECTED = {
  points: DRAWS.map((d) => ({
    date: d.date,
    value: d.status === 'DETECTED' ? d.value : null,
    unit: UNIT,
    status: d.status,
    variantsDetected: d.detected,
    variantsTracked: TRACKED,
    lod: LOD,
  })),
  events: EVENTS.map((e) => ({ type: e.type, label: e.label, start: e.start, end: e.end, result: e.result })),
};

export function storyCsv(): string {
  const header =
    'record_type,date,value,unit,status,lod,variants_detected,variants_tracked,specimen_id,type,label,start,end,result';
  const q = (s: string | undefined) => (s === undefined ? '' : /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const results = DRAWS.map(
    (d) => `result,${d.date},${d.value ?? ''},${UNIT},${d.status},${LOD},${d.detected ?? ''},${TRACKED},${d.specimen},,,,,`,
  );
  const events = EVENTS.map((e) => `event,,,,,,,,,${e.type},${q(e.label)},${e.start},${e.end ?? ''},${q(e.result)}`);
  return [header, ...results, ...events].join('\n') + '\n';
}

export function storyJson(): object {
  return {
    $schema: '../schemas/ctdna.schema.json',
    format: 'triptych-ctdna',
    version: 1,
    patientId: PATIENT,
    unit: UNIT,
    assay: { name: 'Tumor-informed ctDNA (16-plex)', vendor: 'Example Lab', tumorInformed: true },
    results: DRAWS.map((d) => ({
      date: d.date,
      value: d.value ?? null,
      status: d.status,
      lod: LOD,
      ...(d.detected !== undefined ? { variantsDetected: d.detected } : {}),
      variantsTracked: TRACKED,
      specimenId: d.specimen,
    })),
    events: structuredClone(EVENTS),
  };
}

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const INTERPRETATION: Record<string, { code: string; display: string }> = {
  DETECTED: { code: 'DET', display: 'Detected' },
  NOT_DETECTED: { code: 'ND', display: 'Not detected' },
  INDETERMINATE: { code: 'IND', display: 'Indeterminate' },
};
const patientRef = (id: string) => ({ reference: `Patient/${id}` });
const entry = (resource: { resourceType: string; id: string }) => ({
  fullUrl: `http://example.org/fhir/${resource.resourceType}/${resource.id}`,
  resource,
});

/** A ctDNA result as a lab would send it: a laboratory Observation with a local code. */
export function ctdnaObservation(d: Draw, id: string, subject = PATIENT, unit = UNIT): object {
  const observation: Record<string, unknown> = {
    resourceType: 'Observation',
    id,
    meta: { profile: ['http://hl7.org/fhir/StructureDefinition/Observation'] },
    status: 'final',
    category: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' },
        ],
      },
    ],
    code: {
      coding: [{ system: 'http://example.org/lab/codes', code: 'CTDNA-MRD', display: 'ctDNA, tumor-informed' }],
      text: 'Tumor-informed ctDNA (MTM/mL)',
    },
    subject: patientRef(subject),
    effectiveDateTime: `${d.date}T08:30:00-05:00`,
    issued: `${addDays(d.date, 9)}T14:00:00Z`,
    performer: [{ display: 'Example Lab' }],
    method: { text: 'Personalized, tumor-informed multiplex PCR-NGS' },
    specimen: { reference: `Specimen/${d.specimen}` },
    component: [
      ...(d.detected !== undefined ? [{ code: { text: 'Variants detected' }, valueInteger: d.detected }] : []),
      { code: { text: 'Variants tracked' }, valueInteger: TRACKED },
      {
        code: { text: 'Limit of detection' },
        valueQuantity: { value: LOD, unit, system: 'http://unitsofmeasure.org', code: '{MTM}/mL' },
      },
    ],
  };
  if (d.status === 'QNS') {
    observation.dataAbsentReason = {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'not-performed' }],
      text: 'Quantity not sufficient',
    };
  } else {
    observation.interpretation = [{ coding: [{ system: V3, ...INTERPRETATION[d.status] }] }];
    if (d.value !== undefined)
      observation.valueQuantity = { value: d.value, unit, system: 'http://unitsofmeasure.org', code: '{MTM}/mL' };
  }
  return observation;
}

export function storyBundle(options: { otherPatient?: boolean } = {}): {
  resourceType: string;
  id: string;
  type: string;
  entry: Array<{ resource: object }>;
} {
  const entries: object[] = [
    entry({
      resourceType: 'Patient',
      id: PATIENT,
      meta: { profile: ['http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-patient'] },
      identifier: [{ system: 'http://example.org/mrn', value: 'MRN-77881' }],
      gender: 'male',
      birthDate: '1961-07-02',
    } as never),
    entry({
      resourceType: 'Condition',
      id: 'primary',
      meta: { profile: ['http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition'] },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      category: [{ coding: [{ system: 'http://snomed.info/sct', code: '64572001', display: 'Disease' }] }],
      code: {
        coding: [{ system: 'http://snomed.info/sct', code: '363406005', display: 'Malignant neoplasm of colon' }],
        text: EVENTS[0]!.label,
      },
      subject: patientRef(PATIENT),
      onsetDateTime: DIAGNOSIS,
    } as never),
    entry({
      resourceType: 'Procedure',
      id: 'colectomy',
      meta: { profile: ['http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-related-surgical-procedure'] },
      status: 'completed',
      code: {
        coding: [{ system: 'http://snomed.info/sct', code: '84604002', display: 'Sigmoid colectomy' }],
        text: EVENTS[1]!.label,
      },
      subject: patientRef(PATIENT),
      performedDateTime: EVENTS[1]!.start,
      outcome: { text: EVENTS[1]!.result },
    } as never),
    entry({
      resourceType: 'Specimen',
      id: 'T-1',
      accessionIdentifier: { value: 'S24-1187-A2' },
      type: { coding: [{ system: 'http://snomed.info/sct', code: '119376003', display: 'Tissue specimen' }], text: 'tissue' },
      subject: patientRef(PATIENT),
      collection: { collectedDateTime: EVENTS[1]!.start, procedure: { reference: 'Procedure/colectomy' } },
    } as never),
    entry({
      resourceType: 'MedicationStatement',
      id: 'capox',
      status: 'completed',
      medicationCodeableConcept: { text: EVENTS[2]!.label },
      subject: patientRef(PATIENT),
      effectivePeriod: { start: EVENTS[2]!.start, end: EVENTS[2]!.end },
    } as never),
    ...EVENTS.slice(3).map((e, i) =>
      entry({
        resourceType: 'DiagnosticReport',
        id: `ct-${i}`,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'RAD', display: 'Radiology' }] }],
        code: { coding: [{ system: 'http://loinc.org', code: '36267-3' }], text: e.label },
        subject: patientRef(PATIENT),
        effectiveDateTime: e.start,
        conclusion: e.result,
      } as never),
    ),
    ...DRAWS.flatMap((d, i) => [
      entry({
        resourceType: 'Specimen',
        id: d.specimen,
        identifier: [{ value: d.specimen }],
        type: { text: 'plasma' },
        subject: patientRef(PATIENT),
        collection: { collectedDateTime: d.date },
      } as never),
      entry(ctdnaObservation(d, `ctdna-${i + 1}`) as never),
    ]),
  ];
  if (options.otherPatient) {
    entries.push(entry({ resourceType: 'Patient', id: 'OTHER-7' } as never));
    entries.push(
      entry(
        ctdnaObservation(
          { date: '2024-06-01', status: 'DETECTED', value: 99, detected: 16, specimen: 'X-1' },
          'other-1',
          'OTHER-7',
        ) as never,
      ),
    );
  }
  return { resourceType: 'Bundle', id: 'crc-0042', type: 'collection', entry: entries as Array<{ resource: object }> };
}

const TAB = '\t';
/** cBioPortal timeline files, one per event type as studies often ship them (days from the diagnosis). */
export function storyTimeline(): Record<string, string> {
  const day = (date: string) => String(daysBetween(DIAGNOSIS, date));
  const file = (columns: string[], rows: string[][]) => [columns, ...rows].map((r) => r.join(TAB)).join('\n') + '\n';
  const base = ['PATIENT_ID', 'START_DATE', 'STOP_DATE', 'EVENT_TYPE'];
  const [diagnosis, surgery, treatment, ...imaging] = EVENTS as [StoryEvent, StoryEvent, StoryEvent, ...StoryEvent[]];
  return {
    'data_timeline_labtest.txt': file(
      [...base, 'TEST', 'RESULT', 'UNIT', 'LOD', 'VARIANTS_DETECTED', 'VARIANTS_TRACKED', 'SAMPLE_ID'],
      DRAWS.map((d) => [
        PATIENT,
        day(d.date),
        '',
        'LAB_TEST',
        'ctDNA (tumor-informed)',
        d.status === 'DETECTED' ? String(d.value) : d.status === 'QNS' ? 'QNS' : 'NOT DETECTED',
        UNIT,
        String(LOD),
        d.detected === undefined ? '' : String(d.detected),
        String(TRACKED),
        d.specimen,
      ]),
    ),
    'data_timeline_status.txt': file([...base, 'STATUS'], [[PATIENT, '0', '', 'STATUS', diagnosis.label]]),
    'data_timeline_surgery.txt': file(
      [...base, 'SUBTYPE', 'RESULT'],
      [[PATIENT, day(surgery.start), '', 'SURGERY', surgery.label, surgery.result!]],
    ),
    'data_timeline_treatment.txt': file(
      [...base, 'TREATMENT_TYPE', 'AGENT'],
      [[PATIENT, day(treatment.start), day(treatment.end!), 'TREATMENT', 'Medical Therapy', treatment.label]],
    ),
    'data_timeline_imaging.txt': file(
      [...base, 'DIAGNOSTIC_TYPE', 'RESULT'],
      imaging.map((e) => [PATIENT, day(e.start), '', 'IMAGING', e.label, e.result!]),
    ),
  };
}

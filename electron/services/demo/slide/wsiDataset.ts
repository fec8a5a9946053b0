/**
 * DICOM attributes of the demo series (VL Whole Slide Microscopy Image IOD): one fixed study,
 * series, specimen and set of UIDs, so every run writes the same bytes.
 */
import type { NaturalDataset } from '../../slides/dicom/dcmjsBridge.js';
import { WSI_SOP_CLASS_UID } from '../../slides/dicom/header.js';
import { JPEG_PHOTOMETRIC } from './rgbImage.js';

/** UIDs under 2.25 (a UUID as an integer), fixed: the demo is the same slide everywhere. */
const ROOT = `2.25.${BigInt('0x6f1c2e0b9a4d4e3f8b7a5c1d2e3f4a5b').toString()}`;
export const DEMO_UIDS = {
  study: `${ROOT}.1`,
  series: `${ROOT}.2`,
  frameOfReference: `${ROOT}.3`,
  pyramid: `${ROOT}.4`,
  specimen: `${ROOT}.5`,
  dimensionOrganization: `${ROOT}.6`,
  instance: (number: number) => `${ROOT}.7.${number}`,
};

export const LEVEL0_SPACING_MM = 0.00025; // 0.25 µm/px: a 40× scan
export const CONTAINER_ID = 'DEMO-0001-A1';
export const SERIES_DESCRIPTION = 'Synthetic demo - bladder TURBT, H&E';

export type InstanceKind = 'VOLUME' | 'LABEL' | 'OVERVIEW' | 'THUMBNAIL';

export type InstanceGeometry = {
  kind: InstanceKind;
  instanceNumber: number;
  width: number;
  height: number;
  tileWidth: number;
  tileHeight: number;
  frames: number;
  /** Pixel spacing in mm (square pixels). */
  spacing: number;
  /** A resampled (downsampled) level rather than the original scan. */
  resampled: boolean;
  /** Compressed bytes / uncompressed bytes, for LossyImageCompressionRatio. */
  compressionRatio: number;
};

const code = (value: string, scheme: string, meaning: string) => ({
  CodeValue: value,
  CodingSchemeDesignator: scheme,
  CodeMeaning: meaning,
});

/** Specimen: a transurethral resection of bladder tumour, formalin fixed, paraffin, H&E. */
function specimenDescription(): NaturalDataset {
  const step = (items: NaturalDataset[]) => ({ SpecimenPreparationStepContentItemSequence: items });
  const item = (name: ReturnType<typeof code>, value: NaturalDataset) => ({ ConceptNameCodeSequence: [name], ...value });
  const specimenId = item(code('121041', 'DCM', 'Specimen Identifier'), { ValueType: 'TEXT', TextValue: CONTAINER_ID });
  return {
    SpecimenIdentifier: CONTAINER_ID,
    SpecimenUID: DEMO_UIDS.specimen,
    IssuerOfTheSpecimenIdentifierSequence: [],
    SpecimenShortDescription: 'Bladder tumour, TURBT, H&E (synthetic)',
    SpecimenDetailedDescription:
      'Synthetic image of a transurethral resection of a bladder tumour, stained with haematoxylin and eosin. Not a real patient.',
    PrimaryAnatomicStructureSequence: [code('89837001', 'SCT', 'Urinary bladder')],
    SpecimenPreparationSequence: [
      step([
        specimenId,
        item(code('111701', 'DCM', 'Processing type'), {
          ValueType: 'CODE',
          ConceptCodeSequence: [code('127790008', 'SCT', 'Staining')],
        }),
        item(code('424361007', 'SCT', 'Using substance'), {
          ValueType: 'CODE',
          ConceptCodeSequence: [code('12710003', 'SCT', 'hematoxylin stain')],
        }),
        item(code('424361007', 'SCT', 'Using substance'), {
          ValueType: 'CODE',
          ConceptCodeSequence: [code('36879007', 'SCT', 'water soluble eosin stain')],
        }),
      ]),
    ],
  };
}

export function wsiDataset(geometry: InstanceGeometry): NaturalDataset {
  const { kind, width, height } = geometry;
  // A DS value holds at most 16 characters.
  const spacing = Number(geometry.spacing.toPrecision(10));
  const imageType = [geometry.resampled ? 'DERIVED' : 'ORIGINAL', 'PRIMARY', kind, geometry.resampled ? 'RESAMPLED' : 'NONE'];
  const hasLabel = kind === 'LABEL' || kind === 'OVERVIEW';
  return {
    SOPClassUID: WSI_SOP_CLASS_UID,
    SOPInstanceUID: DEMO_UIDS.instance(geometry.instanceNumber),
    ImageType: imageType,
    InstanceCreationDate: '20240611',
    InstanceCreationTime: '103000',
    StudyDate: '20240611',
    SeriesDate: '20240611',
    ContentDate: '20240611',
    AcquisitionDateTime: '20240611103000',
    StudyTime: '101500',
    SeriesTime: '103000',
    ContentTime: '103000',
    AccessionNumber: 'DEMO-0001',
    Modality: 'SM',
    Manufacturer: 'Triptych',
    ManufacturerModelName: 'Synthetic slide generator',
    DeviceSerialNumber: 'SYNTHETIC-1',
    SoftwareVersions: '1',
    ReferringPhysicianName: '',
    StudyDescription: 'Synthetic demo case',
    SeriesDescription: SERIES_DESCRIPTION,
    PatientName: 'DEMO^SYNTHETIC',
    PatientID: 'TRIPTYCH-DEMO-0001',
    PatientBirthDate: '',
    PatientSex: 'O',
    StudyInstanceUID: DEMO_UIDS.study,
    SeriesInstanceUID: DEMO_UIDS.series,
    StudyID: 'DEMO-0001',
    SeriesNumber: 1,
    InstanceNumber: geometry.instanceNumber,
    FrameOfReferenceUID: DEMO_UIDS.frameOfReference,
    PositionReferenceIndicator: 'SLIDE_CORNER',
    PyramidUID: DEMO_UIDS.pyramid,
    DimensionOrganizationSequence: [{ DimensionOrganizationUID: DEMO_UIDS.dimensionOrganization }],
    DimensionIndexSequence: [
      // Column then row position within Plane Position (Slide): the TILED_FULL order.
      {
        DimensionOrganizationUID: DEMO_UIDS.dimensionOrganization,
        DimensionIndexPointer: 0x0048021e,
        FunctionalGroupPointer: 0x0048021a,
      },
      {
        DimensionOrganizationUID: DEMO_UIDS.dimensionOrganization,
        DimensionIndexPointer: 0x0048021f,
        FunctionalGroupPointer: 0x0048021a,
      },
    ],
    DimensionOrganizationType: 'TILED_FULL',
    SamplesPerPixel: 3,
    PhotometricInterpretation: JPEG_PHOTOMETRIC,
    PlanarConfiguration: 0,
    NumberOfFrames: geometry.frames,
    Rows: geometry.tileHeight,
    Columns: geometry.tileWidth,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    BurnedInAnnotation: hasLabel ? 'YES' : 'NO',
    SpecimenLabelInImage: hasLabel ? 'YES' : 'NO',
    FocusMethod: 'AUTO',
    ExtendedDepthOfField: 'NO',
    VolumetricProperties: 'VOLUME',
    LossyImageCompression: '01',
    LossyImageCompressionRatio: Number(geometry.compressionRatio.toFixed(2)),
    LossyImageCompressionMethod: 'ISO_10918_1',
    ImagedVolumeWidth: width * spacing,
    ImagedVolumeHeight: height * spacing,
    ImagedVolumeDepth: 0.004,
    TotalPixelMatrixColumns: width,
    TotalPixelMatrixRows: height,
    TotalPixelMatrixFocalPlanes: 1,
    TotalPixelMatrixOriginSequence: [{ XOffsetInSlideCoordinateSystem: 10.5, YOffsetInSlideCoordinateSystem: 40 }],
    ImageOrientationSlide: [0, -1, 0, -1, 0, 0],
    NumberOfOpticalPaths: 1,
    OpticalPathSequence: [
      {
        OpticalPathIdentifier: '1',
        OpticalPathDescription: 'Brightfield',
        IlluminationTypeCodeSequence: [code('111744', 'DCM', 'Brightfield illumination')],
        IlluminationColorCodeSequence: [code('414298005', 'SCT', 'Full Spectrum')],
        ObjectiveLensPower: 40,
        ObjectiveLensNumericalAperture: 0.75,
      },
    ],
    ContainerIdentifier: CONTAINER_ID,
    IssuerOfTheContainerIdentifierSequence: [],
    ContainerTypeCodeSequence: [code('433466003', 'SCT', 'Microscope slide')],
    SpecimenDescriptionSequence: [specimenDescription()],
    SharedFunctionalGroupsSequence: [
      {
        PixelMeasuresSequence: [{ PixelSpacing: [spacing, spacing], SliceThickness: 0.004 }],
        WholeSlideMicroscopyImageFrameTypeSequence: [{ FrameType: imageType }],
        OpticalPathIdentificationSequence: [{ OpticalPathIdentifier: '1' }],
      },
    ],
  };
}

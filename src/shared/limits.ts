/**
 * @module Validation limits shared by the server, the web app and the CLI.
 */
export const RegistryValidation = {
  /** Longest name of a mine, enterprise, person or contractor. */
  nameMax: 200,
  /** Longest free text (reasons, notes). */
  textMax: 2000,
  /** Largest page a list returns. */
  pageSizeMax: 500,
  /** Default page size of a list. */
  pageSizeDefault: 50,
  /** Rows an import may hold. */
  importRowsMax: 20_000,
  /** Bytes an import file may hold. */
  importBytesMax: 10 * 1024 * 1024,
  /** Rows an export may hold. */
  exportRowsMax: 100_000,
} as const;

export const HttpLimits = {
  /** Largest JSON body accepted by ordinary routes. */
  jsonBodyMax: 1024 * 1024,
} as const;

/** Evidence files of hazards (issue 4 §2: size and type limits). */
export const EvidenceLimits = {
  /** Bytes one file may hold. */
  bytesMax: 10 * 1024 * 1024,
  /** Files one hazard may hold. */
  perHazardMax: 30,
  /** The accepted types, recognised by their content (magic bytes), not by the name. */
  types: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4'],
} as const;

/** Monitoring ingest (issue 5 §2). */
export const IngestLimits = {
  /** Readings one batch (HTTP request or MQTT message) may hold. */
  recordsMax: 50_000,
  /** Bytes one batch may hold. */
  bytesMax: 8 * 1024 * 1024,
  /** Bad records reported one by one; beyond that only counted. */
  rejectedReportedMax: 1000,
} as const;

/**
 * The embedded MQTT broker (issue 21 §5). A packet is refused by the length its fixed header announces
 * (MQTT 3.1.1 §2.2.3), before its body is read.
 */
export const MqttLimits = {
  /**
   * Bytes a packet may announce before the gateway's token is accepted: the CONNECT with its client id,
   * user name, token and a will.
   */
  connectBytesMax: 4096,
  /** Bytes a packet may announce once authenticated: one batch, its topic and header. */
  packetBytesMax: IngestLimits.bytesMax + 1024,
  /** Connections one remote address may hold at once, unless MQTT_CONNECTIONS_PER_ADDRESS says otherwise. */
  connectionsPerAddressDefault: 20,
} as const;

/** Mine-level series (issue 6 §1). */
export const SeriesLimits = {
  /** Rows one import may hold (a meter's hourly year is 8,760). */
  importRowsMax: 100_000,
  /** Longest range of hourly points one request may read. */
  hourRangeDaysMax: 93,
  /** Longest range of daily points one request may read. */
  dayRangeDaysMax: 1100,
} as const;

/** The national coal upload files (issue 22 §3): what one POST (or one drop-folder file) may carry. */
export const CoalUploadLimits = {
  /** Files (or archives) one request may carry. */
  filesMax: 200,
  /** Bytes one file may hold: a CDSS of 10,000 points is about 1 MB. */
  fileBytesMax: 32 * 1024 * 1024,
  /** Bytes one request may carry in all. */
  requestBytesMax: 64 * 1024 * 1024,
  /** Files one ZIP archive may hold, and how much it may inflate to in all. */
  zipEntriesMax: 2000,
  zipBytesMax: 128 * 1024 * 1024,
} as const;

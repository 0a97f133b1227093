/** An object stored by PutObject. */
export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  /** The decoded payload: exactly the bytes the client sent, without aws-chunked framing. */
  readonly body: Buffer;
  readonly contentType: string;
  /** `x-amz-meta-*` headers, keyed by the lower-cased name after the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Quoted MD5 hex digest, as S3 reports it for single-part uploads. */
  readonly etag: string;
  /** Verified checksums, keyed by header name such as `x-amz-checksum-crc32`. */
  readonly checksums: Readonly<Record<string, string>>;
  readonly lastModified: Date;
}

/** An EventBridge entry accepted by PutEvents. */
export interface StoredEvent {
  readonly eventId: string;
  /** The entry as the client sent it (`Source`, `DetailType`, `Detail`, `EventBusName`, ...). */
  readonly entry: Readonly<Record<string, unknown>>;
  readonly receivedAt: Date;
}

/** A Lambda Invoke call and what the registered handler made of it. */
export interface RecordedInvocation {
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly invocationType: string;
  readonly payload: unknown;
  /** Present when the handler returned. */
  readonly result?: unknown;
  /** Present when the handler threw. */
  readonly error?: { readonly errorType: string; readonly errorMessage: string };
}

/** Credentials issued by AssumeRole. */
export interface IssuedCredentials {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly assumedRoleArn: string;
  readonly accessKeyId: string;
  readonly expiration: Date;
  /** The region the AssumeRole request was signed for (its SigV4 credential scope). */
  readonly signingRegion: string;
}

/** Everything the endpoint was given, kept so tests can read it back. */
export interface LocalAwsState {
  /**
   * Stored objects, keyed by `bucket/key`.
   *
   * @example
   * endpoint.state.objects.get('my-bucket/reports/1.json')?.body.toString()
   */
  readonly objects: Map<string, StoredObject>;
  /** Accepted EventBridge entries, oldest first. */
  readonly events: StoredEvent[];
  /** Lambda invocations, oldest first. */
  readonly invocations: RecordedInvocation[];
  /** AssumeRole results, oldest first. */
  readonly issuedCredentials: IssuedCredentials[];
  /** Forgets everything above. */
  clear(): void;
}

/** The key of {@link LocalAwsState.objects}. */
export const objectKey = (bucket: string, key: string): string => `${bucket}/${key}`;

/** An empty {@link LocalAwsState}. */
export const createLocalAwsState = (): LocalAwsState => {
  const state: LocalAwsState = {
    objects: new Map(),
    events: [],
    invocations: [],
    issuedCredentials: [],
    clear() {
      state.objects.clear();
      state.events.length = 0;
      state.invocations.length = 0;
      state.issuedCredentials.length = 0;
    },
  };
  return state;
};

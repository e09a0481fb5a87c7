/*
 * ganpipe's JPEG decoder: libjpeg-turbo's DCT-domain scaled decode (n/8 of the size, for n in
 * 1..8) on libuv's thread pool, so JPEGs decode at reduced scale on every core while the JS
 * thread keeps working. One export:
 *
 *   decode(buffer, n, channels) -> Promise<{ data: Buffer, width, height }>
 *     n: 1..8 (output is ceil(size * n / 8)); channels: 1 (gray), 3 (RGB) or 4 (RGBA).
 *     Rejects with an Error whose `code` is "TJ_WARNING" (damaged data libjpeg could decode
 *     anyway) or "TJ_FATAL".
 *
 * The few TurboJPEG 2.x entry points used are declared here (a stable ABI), so no turbojpeg.h
 * is needed; libturbojpeg.so.0 comes from a prebuilt package (see scripts/native-jpeg.mjs).
 */
#include <node_api.h>
#include <stdlib.h>
#include <string.h>

typedef void *tjhandle;
extern tjhandle tjInitDecompress(void);
extern int tjDecompressHeader3(tjhandle, const unsigned char *, unsigned long, int *, int *, int *, int *);
extern int tjDecompress2(tjhandle, const unsigned char *, unsigned long, unsigned char *, int, int, int, int, int);
extern int tjDestroy(tjhandle);
extern char *tjGetErrorStr2(tjhandle);
extern int tjGetErrorCode(tjhandle);
enum { TJPF_RGB = 0, TJPF_GRAY = 6, TJPF_RGBA = 7, TJERR_WARNING = 0 };

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref source_ref; /* keeps the input buffer alive while a pool thread reads it */
  const unsigned char *source;
  size_t source_length;
  int n, channels, width, height, warning;
  unsigned char *pixels;
  char error[256];
} job_t;

static void fail(job_t *job, tjhandle h) {
  strncpy(job->error, tjGetErrorStr2(h), sizeof job->error - 1);
  job->warning = tjGetErrorCode(h) == TJERR_WARNING;
}

/* On a pool thread: no JS values here. */
static void execute(napi_env env, void *data) {
  job_t *job = data;
  tjhandle h = tjInitDecompress();
  if (!h) {
    strcpy(job->error, "libjpeg-turbo could not start a decompressor");
    return;
  }
  int width, height, subsampling, colorspace;
  if (tjDecompressHeader3(h, job->source, job->source_length, &width, &height, &subsampling, &colorspace) != 0) {
    fail(job, h);
  } else {
    job->width = (width * job->n + 7) / 8;
    job->height = (height * job->n + 7) / 8;
    int format = job->channels == 1 ? TJPF_GRAY : job->channels == 4 ? TJPF_RGBA : TJPF_RGB;
    job->pixels = malloc((size_t)job->width * job->height * job->channels);
    if (!job->pixels) strcpy(job->error, "out of memory");
    else if (tjDecompress2(h, job->source, job->source_length, job->pixels, job->width, 0, job->height, format, 0) != 0) fail(job, h);
  }
  tjDestroy(h);
}

static void free_pixels(napi_env env, void *data, void *hint) { free(data); }

static void complete(napi_env env, napi_status status, void *data) {
  job_t *job = data;
  if (job->error[0] || status != napi_ok) {
    napi_value message, code, error;
    napi_create_string_utf8(env, job->error[0] ? job->error : "decode cancelled", NAPI_AUTO_LENGTH, &message);
    napi_create_string_utf8(env, job->warning ? "TJ_WARNING" : "TJ_FATAL", NAPI_AUTO_LENGTH, &code);
    napi_create_error(env, code, message, &error);
    napi_reject_deferred(env, job->deferred, error);
    free(job->pixels);
  } else {
    napi_value result, buffer, width, height;
    napi_create_external_buffer(env, (size_t)job->width * job->height * job->channels, job->pixels, free_pixels, NULL, &buffer);
    napi_create_int32(env, job->width, &width);
    napi_create_int32(env, job->height, &height);
    napi_create_object(env, &result);
    napi_set_named_property(env, result, "data", buffer);
    napi_set_named_property(env, result, "width", width);
    napi_set_named_property(env, result, "height", height);
    napi_resolve_deferred(env, job->deferred, result);
  }
  napi_delete_reference(env, job->source_ref);
  napi_delete_async_work(env, job->work);
  free(job);
}

static napi_value throw_type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

static napi_value decode(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  bool is_buffer = false;
  if (argc < 3 || napi_is_buffer(env, argv[0], &is_buffer) != napi_ok || !is_buffer) {
    return throw_type_error(env, "decode(buffer, n, channels): buffer must be a Buffer or Uint8Array");
  }
  int n = 0, channels = 0;
  napi_get_value_int32(env, argv[1], &n);
  napi_get_value_int32(env, argv[2], &channels);
  if (n < 1 || n > 8) return throw_type_error(env, "decode(buffer, n, channels): n must be an integer in 1..8");
  if (channels != 1 && channels != 3 && channels != 4) return throw_type_error(env, "decode(buffer, n, channels): channels must be 1, 3 or 4");
  job_t *job = calloc(1, sizeof *job);
  void *source;
  napi_get_buffer_info(env, argv[0], &source, &job->source_length);
  job->source = source;
  job->n = n;
  job->channels = channels;
  napi_create_reference(env, argv[0], 1, &job->source_ref);
  napi_value promise, name;
  napi_create_promise(env, &job->deferred, &promise);
  napi_create_string_utf8(env, "ganpipe:scaled_jpeg", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, NULL, name, execute, complete, job, &job->work);
  napi_queue_async_work(env, job->work);
  return promise;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "decode", NAPI_AUTO_LENGTH, decode, NULL, &fn);
  napi_set_named_property(env, exports, "decode", fn);
  return exports;
}

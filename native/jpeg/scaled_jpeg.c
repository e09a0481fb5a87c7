/*
 * ganpipe's JPEG decoder: libjpeg-turbo's DCT-domain scaled decode (n/8 of the size, for n in
 * 1..8) on libuv's thread pool, so JPEGs decode at reduced scale on every core while the JS
 * thread keeps working. One export:
 *
 *   decode(buffer, n, channels[, plan]) -> Promise<{ data: Buffer, width, height }>
 *     n: 1..8 (output is ceil(size * n / 8)); channels: 1 (gray), 3 (RGB) or 4 (RGBA).
 *     plan: a separable resample to run on the decoded pixels, on the same pool thread: the
 *     taps of src/ops/resample.ts (`first`, `count`, `weights`, `stride` per axis, `lo`/`hi` of
 *     the rows y touches, output size), computed in JS and run here with the same arithmetic
 *     (double accumulation, float intermediate rows, round half to even), so the result is
 *     identical to the JS resample.
 *     Rejects with an Error whose `code` is "TJ_WARNING" (damaged data libjpeg could decode
 *     anyway), "TJ_FATAL" or "PLAN" (the plan does not fit the decoded size).
 *
 * The few TurboJPEG 2.x entry points used are declared here (a stable ABI), so no turbojpeg.h
 * is needed; libturbojpeg.so.0 comes from a prebuilt package (see scripts/native-jpeg.mjs).
 */
#include <math.h>
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

/* Taps along one axis: output o reads count[o] inputs from first[o], weights row o of stride. */
typedef struct {
  int n, stride, lo, hi;
  int *first, *count;
  float *weights;
} taps_t;

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  napi_ref source_ref; /* keeps the input buffer alive while a pool thread reads it */
  const unsigned char *source;
  size_t source_length;
  int n, channels, width, height, warning, plan_error;
  unsigned char *pixels;
  int resample; /* run xs/ys after decoding */
  taps_t xs, ys;
  char error[256];
} job_t;

static void free_taps(taps_t *t) {
  free(t->first);
  free(t->count);
  free(t->weights);
}

/* Horizontal pass over rows lo..hi into float rows, then the vertical pass into bytes. */
static unsigned char *run_resample(const unsigned char *src, int width, int c, const taps_t *xs, const taps_t *ys) {
  int ow = xs->n, oh = ys->n, row_len = ow * c;
  float *mid = malloc(sizeof(float) * (size_t)(ys->hi - ys->lo + 1) * row_len);
  unsigned char *out = malloc((size_t)oh * row_len);
  if (!mid || !out) {
    free(mid);
    free(out);
    return NULL;
  }
  for (int y = ys->lo, m = 0; y <= ys->hi; y++) {
    const unsigned char *row = src + (size_t)y * width * c;
    for (int x = 0; x < ow; x++) {
      const float *w = xs->weights + (size_t)x * xs->stride;
      const unsigned char *p = row + (size_t)xs->first[x] * c;
      for (int ch = 0; ch < c; ch++, m++) {
        double v = 0;
        for (int k = 0; k < xs->count[x]; k++) v += (double)p[k * c + ch] * (double)w[k];
        mid[m] = (float)v;
      }
    }
  }
  for (int y = 0, q = 0; y < oh; y++) {
    const float *w = ys->weights + (size_t)y * ys->stride;
    const float *p0 = mid + (size_t)(ys->first[y] - ys->lo) * row_len;
    for (int x = 0; x < row_len; x++, q++) {
      double v = 0;
      for (int k = 0; k < ys->count[y]; k++) v += (double)p0[(size_t)k * row_len + x] * (double)w[k];
      out[q] = v <= 0 ? 0 : v >= 255 ? 255 : (unsigned char)nearbyint(v);
    }
  }
  free(mid);
  return out;
}

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
  if (job->error[0] || !job->resample) return;
  int reach_x = 0;
  for (int x = 0; x < job->xs.n; x++) if (job->xs.first[x] + job->xs.count[x] > reach_x) reach_x = job->xs.first[x] + job->xs.count[x];
  if (reach_x > job->width || job->ys.hi >= job->height || job->ys.lo < 0) {
    snprintf(job->error, sizeof job->error, "resample plan reaches %dx%d, the image is %dx%d", reach_x, job->ys.hi + 1, job->width, job->height);
    job->plan_error = 1;
    return;
  }
  unsigned char *out = run_resample(job->pixels, job->width, job->channels, &job->xs, &job->ys);
  free(job->pixels);
  job->pixels = out;
  if (!out) strcpy(job->error, "out of memory");
  job->width = job->xs.n;
  job->height = job->ys.n;
}

static void free_pixels(napi_env env, void *data, void *hint) { free(data); }

static void complete(napi_env env, napi_status status, void *data) {
  job_t *job = data;
  if (job->error[0] || status != napi_ok) {
    napi_value message, code, error;
    napi_create_string_utf8(env, job->error[0] ? job->error : "decode cancelled", NAPI_AUTO_LENGTH, &message);
    napi_create_string_utf8(env, job->plan_error ? "PLAN" : job->warning ? "TJ_WARNING" : "TJ_FATAL", NAPI_AUTO_LENGTH, &code);
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
  free_taps(&job->xs);
  free_taps(&job->ys);
  free(job);
}

static napi_value throw_type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, NULL, message);
  return NULL;
}

/* Copies a typed array property of `obj` (Int32Array or Float32Array of `n` elements). */
static void *copy_array(napi_env env, napi_value obj, const char *name, napi_typedarray_type want, size_t n) {
  napi_value value;
  bool is_typed = false;
  if (napi_get_named_property(env, obj, name, &value) != napi_ok || napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return NULL;
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL);
  if (type != want || length < n) return NULL;
  void *copy = malloc(n * 4);
  if (copy) memcpy(copy, data, n * 4);
  return copy;
}

static int get_int(napi_env env, napi_value obj, const char *name, int *out) {
  napi_value value;
  return napi_get_named_property(env, obj, name, &value) == napi_ok && napi_get_value_int32(env, value, out) == napi_ok;
}

/* Reads taps {first, count, weights, stride, lo, hi} of `n` outputs from a JS object. */
static int read_taps(napi_env env, napi_value obj, int n, taps_t *t) {
  t->n = n;
  if (n < 1 || !get_int(env, obj, "stride", &t->stride) || !get_int(env, obj, "lo", &t->lo) || !get_int(env, obj, "hi", &t->hi)) return 0;
  if (t->stride < 1 || t->lo < 0 || t->hi < t->lo) return 0;
  t->first = copy_array(env, obj, "first", napi_int32_array, n);
  t->count = copy_array(env, obj, "count", napi_int32_array, n);
  t->weights = copy_array(env, obj, "weights", napi_float32_array, (size_t)n * t->stride);
  if (!t->first || !t->count || !t->weights) return 0;
  for (int o = 0; o < n; o++) {
    if (t->first[o] < 0 || t->count[o] < 1 || t->count[o] > t->stride) return 0;
  }
  return 1;
}

static napi_value decode(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
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
  napi_valuetype plan_type = napi_undefined;
  if (argc > 3) napi_typeof(env, argv[3], &plan_type);
  if (plan_type == napi_object) {
    napi_value xs, ys;
    int ow = 0, oh = 0;
    job->resample = 1;
    if (!get_int(env, argv[3], "outWidth", &ow) || !get_int(env, argv[3], "outHeight", &oh) ||
        napi_get_named_property(env, argv[3], "xs", &xs) != napi_ok || napi_get_named_property(env, argv[3], "ys", &ys) != napi_ok ||
        !read_taps(env, xs, ow, &job->xs) || !read_taps(env, ys, oh, &job->ys)) {
      free_taps(&job->xs);
      free_taps(&job->ys);
      free(job);
      return throw_type_error(env, "decode(buffer, n, channels, plan): plan must be a resamplePlan() result");
    }
  }
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

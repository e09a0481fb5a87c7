{
  "targets": [
    {
      "target_name": "scaled_jpeg",
      "sources": ["scaled_jpeg.c"],
      "cflags": ["-O2", "-Wall", "-ffp-contract=off"],
      "libraries": [
        "-L<(module_root_dir)/lib",
        "-l:libturbojpeg.so.0",
        "-Wl,-rpath,\\$$ORIGIN"
      ]
    }
  ]
}

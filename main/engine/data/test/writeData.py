"""Write data files with independent tools (NumPy, astropy, h5py) for Deepwire's reader tests.

Usage: python3 writeData.py KIND OUTDIR   (KIND: npy, fits, hdf5)
Writes the files into OUTDIR and OUTDIR/expected.json: for each file, the values a reader must get
(flattened in C order), computed here by the same library that wrote them. A missing module is
reported as {"missing": "module"} in expected.json, so the test can say why it skips.
"""
import gzip
import json
import os
import shutil
import sys

kind, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
expected = {}


def done():
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f)


def cut(path, keep, suffix="_cut"):
    """A copy of path cut to `keep` bytes, as an interrupted download leaves it."""
    with open(path, "rb") as f:
        data = f.read()
    stem, ext = os.path.splitext(path)
    cut_path = stem + suffix + ext
    with open(cut_path, "wb") as f:
        f.write(data[:keep])


try:
    import numpy as np
except ImportError:
    expected["missing"] = "numpy"
    done()
    sys.exit(0)


def values(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel(order="C")]


if kind == "npy":
    base = np.arange(30).reshape(5, 3, 2)
    for code in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8", "b1"]:
        orders = ["|"] if code in ("i1", "u1", "b1") else ["<", ">"]
        for order in orders:
            for layout in ["C", "F"]:
                a = base - 15 if code[0] in "if" else base
                if code == "b1":
                    a = base % 3 == 0
                if code[0] == "f":
                    a = a / 4.0
                arr = np.asarray(a).astype(np.dtype(order + code))
                arr = np.asfortranarray(arr) if layout == "F" else np.ascontiguousarray(arr)
                name = f"{code}_{'le' if order == '<' else 'be' if order == '>' else 'na'}_{layout}.npy"
                np.save(os.path.join(out, name), arr)
                expected[name] = {"shape": list(arr.shape), "values": values(arr), "dtype": arr.dtype.str}
    big = np.array([-(2**40), 2**40, 2**62], dtype="<i8")
    np.save(os.path.join(out, "i8_big.npy"), big)
    expected["i8_big.npy"] = {"values": values(big)}
    ubig = np.array([2**63, 1, 0], dtype=">u8")
    np.save(os.path.join(out, "u8_big.npy"), ubig)
    expected["u8_big.npy"] = {"values": [float(2**63), 1.0, 0.0]}
    # Format version 2 (4-byte header length).
    with open(os.path.join(out, "v2.npy"), "wb") as f:
        np.lib.format.write_array(f, np.arange(6, dtype="<f4").reshape(3, 2), version=(2, 0))
    # Labels of several kinds beside one x.
    x = (np.arange(40, dtype="<f4").reshape(8, 5)) / 10
    np.save(os.path.join(out, "x_train.npy"), x)
    np.save(os.path.join(out, "y_train.npy"), np.array([2, 0, 1, 2, 2, 0, 1, 1], dtype="<i8"))
    np.save(os.path.join(out, "y_text.npy"), np.array(["dog", "cat", "cat", "emu", "dog", "cat", "emu", "dog"]))
    np.save(os.path.join(out, "y_decimal.npy"), np.array([0, 1, 1, 0, 1, 0, 0, 1], dtype="<f4"))
    np.save(os.path.join(out, "y_onehot.npy"), np.eye(3, dtype="<f4")[[2, 0, 1, 2, 2, 0, 1, 1]])
    np.save(os.path.join(out, "y_regress.npy"), np.linspace(0, 1, 16, dtype="<f8").reshape(8, 2))
    np.save(os.path.join(out, "y_short.npy"), np.array([0, 1, 0], dtype="<i4"))
    np.save(os.path.join(out, "y_one.npy"), np.zeros(8, dtype="<i4"))
    np.save(os.path.join(out, "objects.npy"), np.array([{"a": 1}], dtype=object), allow_pickle=True)
    np.save(os.path.join(out, "whole.npy"), np.arange(4000, dtype="<f4").reshape(100, 40))
    cut(os.path.join(out, "whole.npy"), 9000)
    # npz: stored, compressed, positional, custom names.
    np.savez(os.path.join(out, "stored.npz"), x=x, y=np.array([1, 0, 1, 0, 1, 0, 1, 0], dtype="<i2"))
    np.savez_compressed(os.path.join(out, "packed.npz"), x=np.asfortranarray(x.astype(">f8")), y=np.array([1, 0, 1, 0, 1, 0, 1, 0], dtype="u1"))
    np.savez(os.path.join(out, "positional.npz"), x, np.arange(8) % 2)
    np.savez(os.path.join(out, "named.npz"), images=x, labels=np.arange(8) % 4, extra=np.zeros(3))
    cut(os.path.join(out, "stored.npz"), 600)
    expected["x_train.npy"] = {"values": values(x)}

elif kind == "fits":
    try:
        from astropy.io import fits
    except ImportError:
        expected["missing"] = "astropy"
        done()
        sys.exit(0)
    cube = np.arange(24).reshape(4, 3, 2)
    for bitpix, dt in [(8, "u1"), (16, ">i2"), (32, ">i4"), (64, ">i8"), (-32, ">f4"), (-64, ">f8")]:
        a = (cube if bitpix == 8 else cube - 12 if bitpix > 0 else (cube - 12) / 8).astype(dt)
        name = f"bitpix{bitpix}.fits".replace("-", "m")
        fits.PrimaryHDU(a).writeto(os.path.join(out, name), overwrite=True)
        with fits.open(os.path.join(out, name)) as h:
            assert h[0].header["BITPIX"] == bitpix
            expected[name] = {"values": values(h[0].data), "shape": list(h[0].data.shape)}
    # BSCALE/BZERO: floats stored as int16 with scale 0.5 and zero 100.
    scaled = fits.PrimaryHDU((cube - 12) / 2.0 + 100)
    scaled.scale("int16", bscale=0.5, bzero=100)
    scaled.writeto(os.path.join(out, "scaled.fits"), overwrite=True)
    with fits.open(os.path.join(out, "scaled.fits")) as h:
        assert h[0].header["BSCALE"] == 0.5 and h[0].header["BZERO"] == 100
        expected["scaled.fits"] = {"values": values(h[0].data)}
    # Unsigned 16-bit image: astropy stores it as int16 with BZERO = 32768.
    u16 = (cube * 2500).astype("uint16")
    fits.PrimaryHDU(u16).writeto(os.path.join(out, "uint16.fits"), overwrite=True)
    expected["uint16.fits"] = {"values": values(u16)}
    # Cut-outs in an extension, labels in a binary table.
    rng = np.random.default_rng(1)
    cutouts = rng.normal(size=(6, 8, 8)).astype(">f4")
    classes = np.array(["STAR", "GALAXY", "STAR", "QSO", "GALAXY", "STAR"])
    table = fits.BinTableHDU.from_columns(
        [
            fits.Column(name="ID", format="K", array=np.arange(6) + 10**12),
            fits.Column(name="MAG", format="E", array=np.array([18.5, 19.25, np.nan, 20.0, 17.75, 21.5])),
            fits.Column(name="FLUX", format="3D", array=np.arange(18, dtype=float).reshape(6, 3)),
            fits.Column(name="FLAGS", format="I", bzero=32768, array=np.array([0, 1, 40000, 65535, 2, 3], dtype="uint16")),
            fits.Column(name="NAME", format="10A", array=np.array([f"obj{i}" for i in range(6)])),
            fits.Column(name="CLASS", format="6A", array=classes),
        ],
        name="META",
    )
    fits.HDUList([fits.PrimaryHDU(), fits.ImageHDU(cutouts, name="CUTOUTS"), table]).writeto(os.path.join(out, "cutouts.fits"), overwrite=True)
    expected["cutouts.fits"] = {"values": values(cutouts), "classes": sorted(set(classes)), "labels": [sorted(set(classes)).index(c) for c in classes]}
    with fits.open(os.path.join(out, "cutouts.fits")) as h:
        t = h["META"]
        assert t.columns["FLAGS"].bzero == 32768
        expected["table"] = {"FLAGS": [int(v) for v in t.data["FLAGS"]], "MAG": [None if np.isnan(v) else float(v) for v in t.data["MAG"]], "FLUX": values(t.data["FLUX"]), "ID": [float(v) for v in t.data["ID"]]}
    with open(os.path.join(out, "cutouts.fits"), "rb") as src, gzip.open(os.path.join(out, "cutouts.fits.gz"), "wb") as dst:
        shutil.copyfileobj(src, dst)
    cut(os.path.join(out, "cutouts.fits"), 2880 * 3 + 100)
    cut(os.path.join(out, "cutouts.fits"), 2880 * 2 + 500, "_cutdata")
    # Every cut-out of one class.
    one = fits.BinTableHDU.from_columns([fits.Column(name="CLASS", format="4A", array=np.array(["STAR"] * 6))])
    fits.HDUList([fits.PrimaryHDU(cutouts), one]).writeto(os.path.join(out, "oneclass.fits"), overwrite=True)

elif kind == "hdf5":
    try:
        import h5py
    except ImportError:
        expected["missing"] = "h5py"
        done()
        sys.exit(0)
    x = np.arange(10 * 4 * 4, dtype=">f4").reshape(10, 4, 4) / 16
    with h5py.File(os.path.join(out, "data.h5"), "w") as f:
        f["x"] = x
        f["y"] = (np.arange(10) % 3).astype("<i8")
        g = f.create_group("train")
        g.create_dataset("images", data=x.astype("<u2"), chunks=(2, 4, 4), compression="gzip")
        g["names"] = np.array([b"cat", b"dog"] * 5)
        g["targets"] = np.linspace(0, 1, 10)
        g["short"] = np.arange(7)
    expected["data.h5"] = {"x": values(x), "images": values(x.astype("<u2"))}
    with h5py.File(os.path.join(out, "other.h5"), "w") as f:
        f["features"] = np.ones((3, 2))
    cut(os.path.join(out, "data.h5"), 2500)
done()

//! A docx that unpacks to gigabytes is refused quickly, even when its zip headers understate the
//! sizes, and the rest of the batch is imported.

use std::io::Write;
use std::time::Instant;

use flate2::write::DeflateEncoder;
use flate2::{Compress, Compression, FlushCompress};

use crate::util::TempProject;

/// A raw deflate stream that inflates to `blocks` MiB of spaces. One MiB is compressed with a
/// full flush, which resets the compressor's history, so its bytes can be repeated: the file is
/// small and quick to make, and still inflates to gigabytes.
fn deflate_bomb(blocks: usize) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let chunk = vec![b' '; 1 << 20];
    let mut block = Vec::with_capacity(8 << 10);
    c.compress_vec(&chunk, &mut block, FlushCompress::Full)
        .unwrap();
    let mut out = Vec::with_capacity(block.len() * blocks + 16);
    for _ in 0..blocks {
        out.extend_from_slice(&block);
    }
    // A final empty stored block ends the stream.
    let mut end = DeflateEncoder::new(Vec::new(), Compression::none());
    end.write_all(b"").unwrap();
    out.extend(end.finish().unwrap());
    out
}

/// A zip with one deflated entry whose headers claim `claimed_size` uncompressed bytes.
fn zip_with_entry(name: &str, deflated: &[u8], claimed_size: u32) -> Vec<u8> {
    let mut zip = Vec::new();
    let name = name.as_bytes();
    let local = |zip: &mut Vec<u8>| {
        zip.extend(0x0403_4b50u32.to_le_bytes());
        zip.extend(20u16.to_le_bytes()); // version needed
        zip.extend(0u16.to_le_bytes()); // flags
        zip.extend(8u16.to_le_bytes()); // deflate
        zip.extend([0u8; 4]); // time, date
        zip.extend(0u32.to_le_bytes()); // crc (wrong on purpose: never reached)
        zip.extend((deflated.len() as u32).to_le_bytes());
        zip.extend(claimed_size.to_le_bytes());
        zip.extend((name.len() as u16).to_le_bytes());
        zip.extend(0u16.to_le_bytes());
        zip.extend(name);
    };
    local(&mut zip);
    zip.extend(deflated);
    let cd_start = zip.len() as u32;
    zip.extend(0x0201_4b50u32.to_le_bytes());
    zip.extend(20u16.to_le_bytes()); // made by
    zip.extend(20u16.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    zip.extend(8u16.to_le_bytes());
    zip.extend([0u8; 4]);
    zip.extend(0u32.to_le_bytes());
    zip.extend((deflated.len() as u32).to_le_bytes());
    zip.extend(claimed_size.to_le_bytes());
    zip.extend((name.len() as u16).to_le_bytes());
    zip.extend([0u8; 12]); // extra, comment, disk, internal attrs, external attrs
    zip.extend(0u32.to_le_bytes()); // local header offset
    zip.extend(name);
    let cd_len = zip.len() as u32 - cd_start;
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend([0u8; 4]);
    zip.extend(1u16.to_le_bytes());
    zip.extend(1u16.to_le_bytes());
    zip.extend(cd_len.to_le_bytes());
    zip.extend(cd_start.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    zip
}

#[test]
fn a_docx_that_unpacks_to_gigabytes_is_refused_quickly_and_the_batch_goes_on() {
    let project = TempProject::new();
    let dir = project.dir.path();
    // 4 GiB of spaces, with headers that claim 1,000 bytes.
    let bomb = zip_with_entry("word/document.xml", &deflate_bomb(4096), 1000);
    assert!(
        bomb.len() < 20 << 20,
        "the bomb itself is small: {} bytes",
        bomb.len()
    );
    std::fs::write(dir.join("bombe.docx"), &bomb).unwrap();
    std::fs::write(dir.join("god.txt"), "I: Hei.\nIP1: Hei på deg.\n").unwrap();

    let mut p = project.open();
    let started = Instant::now();
    let report = p.import_paths(
        &[dir.join("bombe.docx"), dir.join("god.txt")],
        &tolk::ImportOptions::default(),
        &mut |_| {},
    );
    let elapsed = started.elapsed();
    assert_eq!(report.failed.len(), 1);
    assert!(
        report.failed[0].error.contains("bombe.docx"),
        "{}",
        report.failed[0].error
    );
    assert!(
        report.failed[0].error.contains("refused"),
        "{}",
        report.failed[0].error
    );
    assert_eq!(report.imported.len(), 1);
    // Generous bound: the refusal reads at most the importer's cap (tens of MB), not gigabytes.
    assert!(elapsed.as_secs_f64() < 5.0, "took {elapsed:?}");
}

//! Whether a folder is inside one that a cloud service copies off the computer.
//!
//! OneDrive, Dropbox, Google Drive, iCloud Drive and the like copy every file of their
//! folder to their servers and to the account's other devices, where the couple's
//! data is out of the organisation's hands. They are recognised by the folder names
//! their desktop programs make (`OneDrive`, `OneDrive - NGO`, `Dropbox`, `Google
//! Drive`, `My Drive`, `iCloud Drive`, …), anywhere in the path.

use std::path::Path;

/// The folder names the sync programs make, lower case, with the service each means;
/// a name that starts with one followed by ` - ` counts too (`OneDrive - NGO`).
const SYNCED: [(&str, &str); 11] = [
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("icloud drive", "iCloud Drive"),
    ("icloud~com~apple~clouddocs", "iCloud Drive"),
    ("mobile documents", "iCloud Drive"),
    ("box", "Box"),
    ("nextcloud", "Nextcloud"),
    ("mega", "MEGA"),
];

/// The cloud service that copies `folder` off the computer, if its path says so.
pub fn service(folder: &Path) -> Option<&'static str> {
    folder.components().find_map(|part| {
        let name = part.as_os_str().to_string_lossy().to_lowercase();
        SYNCED.iter().find_map(|(folder, service)| {
            let is = name == *folder
                || name
                    .strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with(" - "));
            is.then_some(*service)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sync_programs_folders_are_recognised_anywhere_in_the_path() {
        for (path, expected) in [
            ("/home/sophea/Dropbox/DFR", Some("Dropbox")),
            (
                "C:\\Users\\Dara\\OneDrive - Rainbow NGO\\Documents\\DFR",
                Some("OneDrive"),
            ),
            (
                "C:\\Users\\Dara\\OneDrive\\Documents\\DFR",
                Some("OneDrive"),
            ),
            (
                "/Users/dara/Library/Mobile Documents/com~apple~CloudDocs/DFR",
                Some("iCloud Drive"),
            ),
            ("G:\\My Drive\\DFR", Some("Google Drive")),
            ("/home/sophea/Documents/DFR", None),
            ("/home/sophea/Dropboxes/DFR", None),
            ("/home/sophea/boxes/DFR", None),
        ] {
            // Windows paths are split on `\` only on Windows; the names are what count.
            let path = path.replace('\\', "/");
            assert_eq!(service(Path::new(&path)), expected, "{path}");
        }
    }
}

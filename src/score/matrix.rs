//! A dense, column-major matrix of `f64` where `NaN` marks a missing value.
//!
//! Rows are units (countries), columns are indicators or aggregates. Column-major storage
//! keeps one indicator across all units contiguous, which is the access pattern of
//! normalisation, treatment and imputation (all of which work one column at a time).

use crate::{Error, Result};

/// Dense `rows × cols` matrix of `f64`, column-major, `NaN` = missing.
///
/// Element `(i, j)` (unit `i`, indicator `j`) is stored at `j * rows + i`, so
/// [`Matrix::col`] is a contiguous slice.
///
/// # Examples
///
/// ```
/// use linkage::score::matrix::Matrix;
/// let m = Matrix::from_columns(&[vec![1.0, 2.0], vec![3.0, f64::NAN]]).unwrap();
/// assert_eq!((m.rows(), m.cols()), (2, 2));
/// assert_eq!(m.col(1)[0], 3.0);
/// assert!(m.get(1, 1).is_nan());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// A `rows × cols` matrix with every element missing (`NaN`).
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// let m = Matrix::new(3, 2);
    /// assert_eq!((m.rows(), m.cols()), (3, 2));
    /// assert!(m.get(2, 1).is_nan());
    /// ```
    pub fn new(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![f64::NAN; rows * cols],
        }
    }

    /// Builds a matrix from its columns (each column = one indicator across all units).
    ///
    /// The number of rows is the length of the first column; an empty list gives a
    /// `0 × 0` matrix.
    ///
    /// # Errors
    ///
    /// [`Error::Method`] if the columns do not all have the same length.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// let m = Matrix::from_columns(&[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]).unwrap();
    /// assert_eq!(m.get(2, 1), 6.0);
    /// assert!(Matrix::from_columns(&[vec![1.0], vec![1.0, 2.0]]).is_err());
    /// ```
    pub fn from_columns<C: AsRef<[f64]>>(columns: &[C]) -> Result<Self> {
        let rows = columns.first().map_or(0, |c| c.as_ref().len());
        let mut data = Vec::with_capacity(rows * columns.len());
        for (j, c) in columns.iter().enumerate() {
            let c = c.as_ref();
            if c.len() != rows {
                return Err(Error::Method {
                    method: "matrix",
                    reason: format!("column {j} has {} values but column 0 has {rows}", c.len()),
                });
            }
            data.extend_from_slice(c);
        }
        Ok(Matrix {
            rows,
            cols: columns.len(),
            data,
        })
    }

    /// Number of rows (units).
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// assert_eq!(Matrix::new(4, 1).rows(), 4);
    /// ```
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (indicators).
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// assert_eq!(Matrix::new(4, 1).cols(), 1);
    /// ```
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Column `j` as a contiguous slice of length [`Matrix::rows`].
    ///
    /// # Panics
    ///
    /// If `j >= self.cols()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// let m = Matrix::from_columns(&[[1.0, 2.0], [3.0, 4.0]]).unwrap();
    /// assert_eq!(m.col(1), &[3.0, 4.0]);
    /// ```
    pub fn col(&self, j: usize) -> &[f64] {
        assert!(
            j < self.cols,
            "column {j} out of range ({} columns)",
            self.cols
        );
        &self.data[j * self.rows..(j + 1) * self.rows]
    }

    /// Column `j` as a mutable contiguous slice.
    ///
    /// # Panics
    ///
    /// If `j >= self.cols()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// let mut m = Matrix::new(2, 1);
    /// m.col_mut(0).copy_from_slice(&[7.0, 8.0]);
    /// assert_eq!(m.get(1, 0), 8.0);
    /// ```
    pub fn col_mut(&mut self, j: usize) -> &mut [f64] {
        assert!(
            j < self.cols,
            "column {j} out of range ({} columns)",
            self.cols
        );
        &mut self.data[j * self.rows..(j + 1) * self.rows]
    }

    /// Element at row `i`, column `j`.
    ///
    /// # Panics
    ///
    /// If `i >= self.rows()` or `j >= self.cols()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// let m = Matrix::from_columns(&[[1.0, 2.0]]).unwrap();
    /// assert_eq!(m.get(1, 0), 2.0);
    /// ```
    pub fn get(&self, i: usize, j: usize) -> f64 {
        assert!(
            i < self.rows && j < self.cols,
            "({i}, {j}) out of range ({} × {})",
            self.rows,
            self.cols
        );
        self.data[j * self.rows + i]
    }

    /// Sets the element at row `i`, column `j`.
    ///
    /// # Panics
    ///
    /// If `i >= self.rows()` or `j >= self.cols()`.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// let mut m = Matrix::new(1, 1);
    /// m.set(0, 0, 5.0);
    /// assert_eq!(m.get(0, 0), 5.0);
    /// ```
    pub fn set(&mut self, i: usize, j: usize, value: f64) {
        assert!(
            i < self.rows && j < self.cols,
            "({i}, {j}) out of range ({} × {})",
            self.rows,
            self.cols
        );
        self.data[j * self.rows + i] = value;
    }

    /// All elements, column after column.
    ///
    /// # Examples
    ///
    /// ```
    /// use linkage::score::matrix::Matrix;
    /// let m = Matrix::from_columns(&[[1.0, 2.0], [3.0, 4.0]]).unwrap();
    /// assert_eq!(m.as_slice(), &[1.0, 2.0, 3.0, 4.0]);
    /// ```
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn column_major_layout() {
        // Columns [1, 2, 3] and [4, 5, 6]: element (i, j) sits at j * 3 + i.
        let m = Matrix::from_columns(&[vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]).unwrap();
        assert_eq!(m.as_slice(), &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert_relative_eq!(m.get(0, 1), 4.0);
        assert_relative_eq!(m.get(2, 0), 3.0);
        assert_eq!(m.col(0), &[1.0, 2.0, 3.0]);
    }

    #[test]
    fn col_mut_writes_through() {
        let mut m = Matrix::new(2, 2);
        m.col_mut(1)[0] = 9.0;
        assert_relative_eq!(m.get(0, 1), 9.0);
        assert!(m.get(0, 0).is_nan());
    }

    #[test]
    fn ragged_columns_are_an_error() {
        let err = Matrix::from_columns(&[vec![1.0, 2.0], vec![1.0]]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "matrix: column 1 has 1 values but column 0 has 2"
        );
    }

    #[test]
    fn empty_is_zero_by_zero() {
        let m = Matrix::from_columns::<Vec<f64>>(&[]).unwrap();
        assert_eq!((m.rows(), m.cols()), (0, 0));
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn col_out_of_range_panics() {
        let m = Matrix::new(2, 1);
        let _ = m.col(1);
    }
}
